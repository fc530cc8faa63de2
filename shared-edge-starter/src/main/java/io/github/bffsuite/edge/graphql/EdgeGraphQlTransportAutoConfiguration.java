package io.github.bffsuite.edge.graphql;

import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQL;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.graphql.server.webflux.GraphQlSseHandler;

/**
 * Auto-configuration of the GraphQL endpoint's transport rules, next to the guardrails
 * ({@link EdgeGraphQlAutoConfiguration}) and under the same conditions: every error a
 * client of the GraphQL path sees is JSON with a stable code. It adds
 * <ul>
 * <li>{@link OperationTransportInstrumentation}: a subscription sent for a single
 * response, or a query or mutation sent for an event stream, is refused before it
 * runs;</li>
 * <li>{@link EdgeGraphQlSseHandler} in place of Spring's GraphQL over SSE handler;</li>
 * </ul>
 */
@AutoConfiguration(before = GraphQlWebFluxAutoConfiguration.class, after = EdgeGraphQlAutoConfiguration.class)
@ConditionalOnClass({ GraphQL.class, GraphQlHttpHandler.class, GraphQlWebFluxAutoConfiguration.class, Caffeine.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.graphql.enabled", matchIfMissing = true)
@ConditionalOnBean(ExecutionGraphQlService.class)
public final class EdgeGraphQlTransportAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OperationTransportInstrumentation edgeGraphQlOperationTransportInstrumentation(GraphQlGuardrailMetrics metrics,
			GraphQlProperties properties) {
		return new OperationTransportInstrumentation(metrics, properties.getWebsocket().getPath());
	}

	@Bean
	@ConditionalOnMissingBean(GraphQlSseHandler.class)
	EdgeGraphQlSseHandler graphQlSseHandler(WebGraphQlHandler webGraphQlHandler, GraphQlProperties properties) {
		GraphQlProperties.Sse sse = properties.getHttp().getSse();
		return new EdgeGraphQlSseHandler(webGraphQlHandler, sse.getTimeout(), sse.getKeepAlive());
	}

}
