package io.github.bffsuite.edge.graphql;

import java.util.Map;

import io.micrometer.context.ContextSnapshotFactory;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;

/**
 * Marks each operation's {@code GraphQLContext} with the transport it came by, for
 * {@link OperationTransportInstrumentation}.
 *
 * @param delegate the handler to pass the request to
 * @param transport the {@code GraphQLContext} key that marks the transport
 */
record TransportMarkingHandler(WebGraphQlHandler delegate, String transport) implements WebGraphQlHandler {

	@Override
	public WebSocketGraphQlInterceptor getWebSocketInterceptor() {
		return this.delegate.getWebSocketInterceptor();
	}

	@Override
	public ContextSnapshotFactory contextSnapshotFactory() {
		return this.delegate.contextSnapshotFactory();
	}

	@Override
	public Mono<WebGraphQlResponse> handleRequest(WebGraphQlRequest request) {
		request
			.configureExecutionInput((input, builder) -> builder.graphQLContext(Map.of(this.transport, true)).build());
		return this.delegate.handleRequest(request);
	}

}
