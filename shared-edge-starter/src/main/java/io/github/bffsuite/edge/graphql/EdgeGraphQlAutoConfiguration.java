package io.github.bffsuite.edge.graphql;

import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQL;
import io.github.bffsuite.edge.graphql.persisted.InMemoryPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.PersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.RedisPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Auto-configuration of the GraphQL guardrails for Spring for GraphQL on WebFlux: the
 * {@link EdgeGraphQlInterceptor} (limits, cost, trusted and persisted documents), the
 * {@link EdgeGraphQlHttpHandler} (GET, no batching, rejection statuses) and their
 * metrics. Active when graphql-java, Spring for GraphQL and Caffeine (which caches parsed
 * documents) are on the classpath and a GraphQL schema is configured. Persisted queries
 * in Redis need Spring Data Redis.
 */
@AutoConfiguration(before = GraphQlWebFluxAutoConfiguration.class,
		after = { GraphQlAutoConfiguration.class, EdgeRateLimitAutoConfiguration.class },
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ GraphQL.class, GraphQlHttpHandler.class, GraphQlWebFluxAutoConfiguration.class, Caffeine.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.graphql.enabled", matchIfMissing = true)
@ConditionalOnBean(ExecutionGraphQlService.class)
@EnableConfigurationProperties(EdgeGraphQlProperties.class)
public final class EdgeGraphQlAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EdgeGraphQlAutoConfiguration.class);

	private static final String NEEDS_REDIS = "edge.graphql.persisted-queries.store=redis needs Redis (spring.data.redis.*)";

	@Bean
	@ConditionalOnMissingBean
	DocumentAnalyzer edgeGraphQlDocumentAnalyzer(EdgeGraphQlProperties properties) {
		return new DocumentAnalyzer(properties.getCost());
	}

	@Bean
	@ConditionalOnMissingBean
	GraphQlGuardrailMetrics edgeGraphQlGuardrailMetrics(ObjectProvider<MeterRegistry> registry) {
		return new GraphQlGuardrailMetrics(registry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	TrustedDocuments edgeGraphQlTrustedDocuments(EdgeGraphQlProperties properties, ResourcePatternResolver resolver) {
		return TrustedDocuments.load(resolver, properties.getTrustedDocuments().getLocations());
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeGraphQlInterceptor edgeGraphQlInterceptor(EdgeGraphQlProperties properties, DocumentAnalyzer analyzer,
			ObjectProvider<GraphQlSource> graphQlSource, TrustedDocuments trusted,
			ObjectProvider<PersistedQueryStore> persistedQueries, ObjectProvider<EdgeRateLimiter> limiter,
			GraphQlGuardrailMetrics metrics, GraphQlProperties graphQlProperties) {
		return new EdgeGraphQlInterceptor(properties, analyzer, () -> graphQlSource.getObject().schema(), trusted,
				properties.getPersistedQueries().isEnabled() ? persistedQueries.getIfAvailable() : null,
				costLimiter(properties, limiter.getIfAvailable()), metrics,
				graphQlProperties.getSchema().getIntrospection().isEnabled());
	}

	private static @Nullable EdgeRateLimiter costLimiter(EdgeGraphQlProperties properties,
			@Nullable EdgeRateLimiter limiter) {
		String policy = properties.getCost().getPolicy();
		if (limiter == null || policy.isEmpty()) {
			return null;
		}
		try {
			limiter.policies().get(policy, "edge.graphql.cost.policy");
			return limiter;
		}
		catch (IllegalArgumentException ex) {
			logger.warn("GraphQL operation costs are not charged to a rate limit bucket: " + ex.getMessage());
			return null;
		}
	}

	@Bean
	@ConditionalOnMissingBean(GraphQlHttpHandler.class)
	EdgeGraphQlHttpHandler graphQlHttpHandler(WebGraphQlHandler webGraphQlHandler, GraphQlGuardrailMetrics metrics) {
		return new EdgeGraphQlHttpHandler(webGraphQlHandler, metrics);
	}

	@Bean
	@Order(-1)
	@ConditionalOnProperty(name = "edge.graphql.http.get-enabled", matchIfMissing = true)
	RouterFunction<ServerResponse> edgeGraphQlGetRouterFunction(GraphQlHttpHandler httpHandler,
			GraphQlProperties properties) {
		String path = properties.getHttp().getPath();
		if (!(httpHandler instanceof EdgeGraphQlHttpHandler)) {
			// an application's own handler reads POST bodies only: leave GET to Spring's
			// 405
			logger.info("GraphQL over GET is off: the GraphQlHttpHandler bean is not the edge one");
			return RouterFunctions.route((request) -> false, httpHandler::handleRequest);
		}
		return RouterFunctions.route(RequestPredicates.GET(path)
			.and((request) -> request.queryParam("query").isPresent() || request.queryParam("extensions").isPresent()),
				httpHandler::handleRequest);
	}

	@Bean
	@ConditionalOnMissingBean
	PersistedQueryStore edgeGraphQlPersistedQueryStore(EdgeGraphQlProperties properties) {
		EdgeGraphQlProperties.PersistedQueries settings = properties.getPersistedQueries();
		if (settings.getStore() == EdgeGraphQlProperties.PersistedQueries.Store.REDIS) {
			throw new IllegalStateException(NEEDS_REDIS);
		}
		return new InMemoryPersistedQueryStore(settings.getMaxEntries(), settings.getTimeToLive());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	@ConditionalOnProperty(name = "edge.graphql.persisted-queries.store", havingValue = "redis")
	static class RedisPersistedQueriesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PersistedQueryStore edgeGraphQlRedisPersistedQueryStore(EdgeGraphQlProperties properties,
				ObjectProvider<ReactiveStringRedisTemplate> redis) {
			EdgeGraphQlProperties.PersistedQueries settings = properties.getPersistedQueries();
			ReactiveStringRedisTemplate template = redis.getIfAvailable();
			if (template == null) {
				throw new IllegalStateException(NEEDS_REDIS);
			}
			return new RedisPersistedQueryStore(template, settings.getKeyPrefix(), settings.getTimeToLive());
		}

	}

}
