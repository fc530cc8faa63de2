package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Spring's CORS processing ({@link DefaultCorsProcessor}, as in Spring's
 * {@code CorsWebFilter}) answering a refusal with a 403 {@code cors-rejected} problem
 * instead of an empty 403: a cross-origin request, or preflight, whose origin, method or
 * headers the edge's CORS settings do not allow. A preflight that passes is answered
 * here; any other request goes on.
 */
final class ProblemCorsWebFilter implements WebFilter {

	private final CorsConfigurationSource source;

	private final CorsProcessor processor = new DefaultCorsProcessor();

	private final ProblemResponseWriter writer;

	ProblemCorsWebFilter(CorsConfigurationSource source, ProblemResponseWriter writer) {
		this.source = source;
		this.writer = writer;
	}

	/**
	 * Run Spring's CORS processing on a request that is not a cross-origin one (it only
	 * adds the {@code Vary} headers then), for the fused fast path.
	 * @param exchange the exchange
	 * @return whether the request may go on
	 */
	boolean process(ServerWebExchange exchange) {
		return this.processor.process(this.source.getCorsConfiguration(exchange), exchange);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		CorsConfiguration configuration = this.source.getCorsConfiguration(exchange);
		if (!this.processor.process(configuration, exchange)) {
			return this.writer.write(exchange, EdgeProblems.problem(HttpStatus.FORBIDDEN, "cors-rejected",
					"The request's origin, method or headers are not allowed for cross-origin requests"));
		}
		if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
			return Mono.empty();
		}
		return chain.filter(exchange);
	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
