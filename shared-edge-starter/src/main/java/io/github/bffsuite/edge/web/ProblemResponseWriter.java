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
 * handler and the security entry points so every edge error looks the same. A
 * {@link ProblemRenderer} that supports the exchange writes it in its protocol instead.
 */
public class ProblemResponseWriter {

	private final ServerResponse.Context context;

	private final List<ProblemRenderer> renderers;

	public ProblemResponseWriter(ServerCodecConfigurer codecs) {
		this(codecs, List.of());
	}

	/**
	 * Create a writer that lets the first renderer that supports an exchange write its
	 * problems.
	 * @param codecs the codecs
	 * @param renderers the renderers, in order
	 */
	public ProblemResponseWriter(ServerCodecConfigurer codecs, List<ProblemRenderer> renderers) {
		this.renderers = List.copyOf(renderers);
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
		for (ProblemRenderer renderer : this.renderers) {
			if (renderer.supports(exchange)) {
				return renderer.render(exchange, problem);
			}
		}
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

}
