package io.github.bffsuite.edge.graphql;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQL;
import io.github.bffsuite.edge.graphql.persisted.InMemoryPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.PersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.RedisPersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitProperties;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import io.github.bffsuite.edge.security.jwt.EdgeJwtAuthenticationConverter;
import io.github.bffsuite.edge.support.RequestRule;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

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
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
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
				"io.github.bffsuite.edge.security.jwt.EdgeJwtAutoConfiguration",
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
			GraphQlGuardrailMetrics metrics, GraphQlProperties graphQlProperties,
			ObjectProvider<GraphQlWebSocketCharges> webSocketCharges) {
		EdgeGraphQlInterceptor interceptor = new EdgeGraphQlInterceptor(properties, analyzer,
				() -> graphQlSource.getObject().schema(), trusted,
				properties.getPersistedQueries().isEnabled() ? persistedQueries.getIfAvailable() : null,
				costLimiter(properties, limiter.getIfAvailable()), metrics,
				graphQlProperties.getSchema().getIntrospection().isEnabled());
		interceptor.setWebSocketCharges(webSocketCharges.getIfAvailable());
		return interceptor;
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
	@ConditionalOnMissingBean
	EdgePreparsedDocumentProvider edgeGraphQlPreparsedDocumentProvider(ObjectProvider<GraphQlSource> graphQlSource) {
		return new EdgePreparsedDocumentProvider(() -> graphQlSource.getObject().schema(), Schedulers.boundedElastic());
	}

	@Bean
	GraphQlSourceBuilderCustomizer edgeGraphQlPreparsedDocuments(EdgePreparsedDocumentProvider provider) {
		return (builder) -> builder.configureGraphQl((graphQl) -> graphQl.preparsedDocumentProvider(provider));
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

	/**
	 * graphql-ws: connections need a bearer token in {@code connection_init}, and each
	 * operation is charged as an HTTP one is.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("spring.graphql.websocket.path")
	static class WebSocketConfiguration {

		@Bean
		WebFluxConfigurer edgeGraphQlHandshakeWebSocketService() {
			return new WebFluxConfigurer() {

				@Override
				public WebSocketService getWebSocketService() {
					return new HandshakeExchangeWebSocketService();
				}

			};
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ ReactiveSecurityContextHolder.class, JwtReactiveAuthenticationManager.class })
		static class SecurityConfiguration {

			@Bean
			@ConditionalOnMissingBean(WebSocketGraphQlInterceptor.class)
			@ConditionalOnBean({ ReactiveJwtDecoder.class, EdgeJwtAuthenticationConverter.class })
			EdgeWebSocketAuthenticationInterceptor edgeGraphQlWebSocketAuthentication(ReactiveJwtDecoder decoder,
					EdgeJwtAuthenticationConverter converter) {
				JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
				manager.setJwtAuthenticationConverter(converter);
				return new EdgeWebSocketAuthenticationInterceptor(manager);
			}

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnBean({ EdgeRateLimiter.class, EdgeRateLimitProperties.class })
			GraphQlWebSocketCharges edgeGraphQlWebSocketCharges(EdgeRateLimiter limiter,
					EdgeRateLimitProperties rateLimits, GraphQlProperties graphQl) {
				PathContainer path = PathContainer.parsePath(graphQl.getHttp().getPath());
				for (EdgeRateLimitProperties.Binding binding : rateLimits.getBindings()) {
					RequestRule.Matcher matcher = binding.matcher();
					if (matcher.matches(HttpMethod.POST, path)) {
						return new GraphQlWebSocketCharges(limiter, List.copyOf(binding.getPolicies()),
								binding.getCost(), matcher.pattern().getPatternString());
					}
				}
				return new GraphQlWebSocketCharges(limiter, List.of(), null, graphQl.getHttp().getPath());
			}

		}

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
