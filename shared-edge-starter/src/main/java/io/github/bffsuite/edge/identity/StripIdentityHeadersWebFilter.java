package io.github.bffsuite.edge.identity;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Removes every inbound identity header (any letter case, repeated, or with underscores)
 * before anything else looks at the request, so clients can never spoof them.
 */
public class StripIdentityHeadersWebFilter implements WebFilter, Ordered {

	/** Order of this filter: right after the request id, before limits and security. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		boolean spoofed = exchange.getRequest()
			.getHeaders()
			.headerNames()
			.stream()
			.anyMatch(IdentityHeaders::isIdentityHeader);
		if (!spoofed) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest().mutate().headers(IdentityHeaders::strip).build();
		return chain.filter(exchange.mutate().request(request).build());
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
