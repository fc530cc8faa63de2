package io.github.bffsuite.edge.web;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a {@link ProblemDetail} as {@code application/problem+json} to an exchange,
 * adding the request path as {@code instance} and the request id. Used by the error
 * handler and the security entry points so every edge error looks the same.
 */
public class ProblemResponseWriter {

	private final ServerResponse.Context context;

	public ProblemResponseWriter(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	/**
	 * Write the problem as the response.
	 * @param exchange the exchange
	 * @param problem the problem
	 * @return completion
	 */
	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		String requestId = RequestIdWebFilter.requestId(exchange);
		if (requestId != null) {
			problem.setProperty(EdgeProblems.REQUEST_ID, requestId);
		}
		exchange.getResponse().getHeaders().remove("Content-Length");
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

}
