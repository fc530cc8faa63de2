package io.github.bffsuite.edge.graphql;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;
import org.springframework.web.server.ServerWebExchange;

/**
 * The default WebSocket service, which also hands the handshake's exchange to each
 * session's attributes under {@link EdgeGraphQlInterceptor#EXCHANGE_ATTRIBUTE}, so that
 * operations sent over graphql-ws are charged to the same rate limit keys (client address
 * included) as HTTP ones. The exchange's response is committed by then: only its request
 * is read. (The service's own session attribute predicate copies {@code WebSession}
 * attributes, and a session per handshake is what this avoids.)
 */
public class HandshakeExchangeWebSocketService extends HandshakeWebSocketService {

	@Override
	public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
		return super.handleRequest(exchange, new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return handler.getSubProtocols();
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				session.getAttributes().put(EdgeGraphQlInterceptor.EXCHANGE_ATTRIBUTE, exchange);
				return handler.handle(session);
			}

		});
	}

}
