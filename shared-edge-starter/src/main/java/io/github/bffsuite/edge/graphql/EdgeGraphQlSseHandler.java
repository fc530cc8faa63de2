package io.github.bffsuite.edge.graphql;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webflux.GraphQlSseHandler;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring for GraphQL's SSE handler (distinct connections mode), which also hands the
 * exchange to the guardrails, so that a subscription's static cost is charged to the
 * caller's cost budget as an HTTP operation's is, and answers an operation that did not
 * start (refused by the guardrails, or not valid) with its status and a GraphQL error
 * body instead of a stream: Spring's handler would replace the error with "SSE handler
 * supports only subscriptions". Queries and mutations are refused before they run
 * ({@link GraphQlRejection#OPERATION_NOT_ALLOWED_OVER_SSE}).
 */
public class EdgeGraphQlSseHandler extends GraphQlSseHandler {

	public EdgeGraphQlSseHandler(WebGraphQlHandler graphQlHandler, @Nullable Duration timeout,
			@Nullable Duration keepAlive) {
		super(graphQlHandler, timeout, keepAlive);
	}

	@Override
	public Mono<ServerResponse> handleRequest(ServerRequest request) {
		request.attributes().put(EdgeGraphQlInterceptor.EXCHANGE_ATTRIBUTE, request.exchange());
		request.attributes().put(EdgeGraphQlInterceptor.SSE_ATTRIBUTE, true);
		return super.handleRequest(request);
	}

	@Override
	protected Mono<ServerResponse> prepareResponse(ServerRequest request, WebGraphQlResponse response) {
		if (response.getData() instanceof Publisher || response.getErrors().isEmpty()) {
			return super.prepareResponse(request, response);
		}
		HttpStatus status = HttpStatus.BAD_REQUEST;
		for (ResponseError error : response.getErrors()) {
			GraphQlRejection rejection = GraphQlRejection.of(error.getExtensions().get("code"));
			if (rejection != null && rejection.status() != HttpStatus.OK) {
				status = rejection.status();
				break;
			}
		}
		return ServerResponse.status(status)
			.headers((headers) -> headers.putAll(response.getResponseHeaders()))
			.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
			.bodyValue(response.toMap());
	}

}
