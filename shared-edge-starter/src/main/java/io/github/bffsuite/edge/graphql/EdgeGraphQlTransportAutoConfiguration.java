package io.github.bffsuite.edge.graphql;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.GraphQL;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.ExecutionGraphQlService;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.graphql.server.webflux.GraphQlRequestPredicates;
import org.springframework.graphql.server.webflux.GraphQlSseHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Auto-configuration of the GraphQL endpoint's transport rules, next to the guardrails
 * ({@link EdgeGraphQlAutoConfiguration}) and under the same conditions: every error a
 * client of the GraphQL path sees is JSON with a stable code. It adds
 * <ul>
 * <li>{@link EdgeGraphQlErrorsInterceptor}: a code on every GraphQL error;</li>
 * <li>{@link OperationTransportInstrumentation}: a subscription sent for a single
 * response, or a query or mutation sent for an event stream, is refused before it
 * runs;</li>
 * <li>{@link EdgeGraphQlSseHandler} in place of Spring's GraphQL over SSE handler;</li>
 * <li>routes for what Spring for GraphQL answers with an empty body: a wrong
 * {@code Content-Type} (415) or {@code Accept} (406), and methods other than POST (and
 * GET when queries may use it) get 405 with {@code Allow}, all as problems; a GET without
 * {@code query} is a 400 {@code BAD_REQUEST} GraphQL error when GET is enabled.</li>
 * </ul>
 */
@AutoConfiguration(before = GraphQlWebFluxAutoConfiguration.class, after = EdgeGraphQlAutoConfiguration.class)
@ConditionalOnClass({ GraphQL.class, GraphQlHttpHandler.class, GraphQlWebFluxAutoConfiguration.class, Caffeine.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.graphql.enabled", matchIfMissing = true)
@ConditionalOnBean(ExecutionGraphQlService.class)
public final class EdgeGraphQlTransportAutoConfiguration {

	private static final List<MediaType> RESPONSE_MEDIA_TYPES = List.of(MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
			MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM);

	private static final MediaType APPLICATION_GRAPHQL = new MediaType("application", "graphql");

	@Bean
	@ConditionalOnMissingBean
	EdgeGraphQlErrorsInterceptor edgeGraphQlErrorsInterceptor() {
		return new EdgeGraphQlErrorsInterceptor();
	}

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

	/**
	 * Routes for the requests on the GraphQL path that Spring for GraphQL's routes
	 * ({@code graphQlRouterFunction}, order 0) would answer with an empty body or not at
	 * all, ahead of them. They leave alone what Spring's routes and the starter's GET
	 * route ({@code edgeGraphQlGetRouterFunction}) serve.
	 */
	@Bean
	@Order(-1)
	RouterFunction<ServerResponse> edgeGraphQlFallbackRouterFunction(GraphQlHttpHandler httpHandler,
			GraphQlProperties properties, EdgeGraphQlProperties edge) {
		String path = properties.getHttp().getPath();
		boolean get = edge.getHttp().isGetEnabled() && httpHandler instanceof EdgeGraphQlHttpHandler;
		List<HttpMethod> allowed = new ArrayList<>();
		if (get) {
			allowed.add(HttpMethod.GET);
		}
		allowed.add(HttpMethod.POST);
		RequestPredicate served = GraphQlRequestPredicates.graphQlHttp(path)
			.or(GraphQlRequestPredicates.graphQlSse(path));
		RequestPredicate query = (request) -> request.queryParam("query").isPresent()
				|| request.queryParam("extensions").isPresent();
		RouterFunctions.Builder routes = RouterFunctions.route();
		routes.route(RequestPredicates.POST(path).and(served.negate()),
				(request) -> Mono.error(unsupportedMediaType(request)));
		if (get) {
			// the GET route takes those with a query; the handler explains what is
			// missing
			routes.route(RequestPredicates.GET(path).and(query.negate()), httpHandler::handleRequest);
		}
		RequestPredicate otherMethod = RequestPredicates.method(HttpMethod.POST).negate();
		if (get) {
			otherMethod = otherMethod.and(RequestPredicates.method(HttpMethod.GET).negate());
		}
		routes.route(RequestPredicates.path(path).and(otherMethod),
				(request) -> Mono.error(new MethodNotAllowedException(request.method(), allowed)));
		return routes.build();
	}

	private static Exception unsupportedMediaType(ServerRequest request) {
		MediaType contentType = request.headers().contentType().orElse(null);
		if (contentType != null
				&& (MediaType.APPLICATION_JSON.includes(contentType) || APPLICATION_GRAPHQL.includes(contentType))) {
			return new NotAcceptableStatusException(RESPONSE_MEDIA_TYPES);
		}
		return new UnsupportedMediaTypeStatusException(contentType, List.of(MediaType.APPLICATION_JSON),
				HttpMethod.POST);
	}

}
