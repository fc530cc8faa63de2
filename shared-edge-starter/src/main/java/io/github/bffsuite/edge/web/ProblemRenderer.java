package io.github.bffsuite.edge.web;

import reactor.core.publisher.Mono;

import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * Another wire form of the edge's problems, for the requests of a protocol that cannot
 * read {@code application/problem+json} (gRPC, for one). {@link ProblemResponseWriter}
 * asks each renderer in order and writes problem+json when none supports the exchange, so
 * that every place that answers with a problem speaks the client's protocol.
 */
public interface ProblemRenderer {

	/**
	 * Whether this renderer answers the exchange.
	 * @param exchange the exchange
	 * @return true to render the problem with {@link #render}
	 */
	boolean supports(ServerWebExchange exchange);

	/**
	 * Write the problem as the response. The problem already carries its {@code instance}
	 * and the request id.
	 * @param exchange the exchange
	 * @param problem the problem
	 * @return completion
	 */
	Mono<Void> render(ServerWebExchange exchange, ProblemDetail problem);

}
