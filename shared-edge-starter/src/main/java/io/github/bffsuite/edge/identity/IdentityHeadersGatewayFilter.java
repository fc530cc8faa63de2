package io.github.bffsuite.edge.identity;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets the identity headers from the authenticated principal on every Spring Cloud
 * Gateway route's downstream request (and removes them when the request is anonymous).
 */
public class IdentityHeadersGatewayFilter implements GlobalFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.filter(EdgeAuthentication.class::isInstance)
			.map((authentication) -> ((EdgeAuthentication) authentication).getPrincipal())
			.map((principal) -> exchange.getRequest()
				.mutate()
				.headers((headers) -> IdentityHeaders.set(headers, principal))
				.build())
			.defaultIfEmpty(exchange.getRequest().mutate().headers(IdentityHeaders::strip).build())
			.flatMap((ServerHttpRequest request) -> chain.filter(exchange.mutate().request(request).build()));
	}

}
