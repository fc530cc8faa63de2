package io.github.bffsuite.edge.graphql;

import java.time.Duration;

import graphql.ExecutionResult;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.webflux.GraphQlSseHandler;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

/**
 * Spring for GraphQL's GraphQL over SSE handler (distinct connections mode) without its
 * blind spots. Spring answers every result that is not a stream with the same uncoded
 * "SSE handler supports only subscriptions" event, hiding the real errors (a syntax or
 * validation error, a guardrail's refusal), and an empty body with an empty 200. Here:
 * <ul>
 * <li>a subscription streams as before, a {@code next} event per result, then
 * {@code complete};</li>
 * <li>a query or a mutation is refused before it runs with
 * {@code OPERATION_NOT_ALLOWED_OVER_SSE} ({@link OperationTransportInstrumentation});
 * should one run all the same, its result is the stream's only {@code next} event;</li>
 * <li>an operation refused or invalid before it ran is answered before any stream,
 * exactly as the HTTP endpoint answers it: 400 (or the rejection's status, such as 429
 * with {@code Retry-After}) with an {@code application/graphql-response+json} body of
 * coded errors;</li>
 * <li>a body that is not a GraphQL request (empty, {@code null}, not JSON) is a 400
 * {@code BAD_REQUEST} error.</li>
 * </ul>
 */
public class EdgeGraphQlSseHandler extends GraphQlSseHandler {

	/**
	 * Key of the {@code GraphQLContext} entry that marks an operation sent for an event
	 * stream, where only a subscription can be answered.
	 */
	public static final String EVENT_STREAM = EdgeGraphQlSseHandler.class.getName() + ".eventStream";

	/**
	 * Create the handler.
	 * @param graphQlHandler the handler to delegate to
	 * @param timeout how long to wait for the response that starts the stream,
	 * {@code null} for ever
	 * @param keepAlive how often to send a comment when no event was sent, {@code null}
	 * for never
	 */
	public EdgeGraphQlSseHandler(WebGraphQlHandler graphQlHandler, @Nullable Duration timeout,
			@Nullable Duration keepAlive) {
		super(new TransportMarkingHandler(graphQlHandler, EVENT_STREAM), timeout, keepAlive);
	}

	@Override
	public Mono<ServerResponse> handleRequest(ServerRequest request) {
		// the guardrails charge the cost of a subscription to the caller's budget
		request.attributes().put(EdgeGraphQlInterceptor.EXCHANGE_ATTRIBUTE, request.exchange());
		return super.handleRequest(request)
			.switchIfEmpty(Mono
				.defer(() -> EdgeGraphQlHttpHandler.badRequest(request, EdgeGraphQlHttpHandler.NOT_A_GRAPHQL_REQUEST)))
			.onErrorResume(ServerWebInputException.class,
					(ex) -> EdgeGraphQlHttpHandler.badRequest(request, EdgeGraphQlHttpHandler.describe(ex)));
	}

	@Override
	protected Mono<ServerResponse> prepareResponse(ServerRequest request, WebGraphQlResponse response) {
		if (response.getData() instanceof Publisher<?>) {
			return super.prepareResponse(request, response);
		}
		ExecutionResult result = response.getExecutionResult();
		if (!result.isDataPresent()) {
			HttpStatus status = EdgeGraphQlHttpHandler.rejectionStatus(response);
			return ServerResponse.status((status != null) ? status : HttpStatus.BAD_REQUEST)
				.headers((headers) -> headers.putAll(response.getResponseHeaders()))
				.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
				.bodyValue(response.toMap());
		}
		return super.prepareResponse(request, response.transform((builder) -> builder.data(Flux.just(result))));
	}

}
