package io.github.bffsuite.edge.identity;

import reactor.core.publisher.Mono;

import org.springframework.web.server.ServerWebExchange;

/**
 * The one place that finds the caller of an exchange for the edge's filters: the
 * {@link EdgePrincipal} the edge noted in the exchange
 * ({@link IdentityHeadersGatewayFilter#PRINCIPAL_ATTRIBUTE}, set by the fused fast path
 * or by the identity filter), else the exchange's principal when it is an
 * {@link EdgeAuthentication}.
 */
public final class EdgeCaller {

	private EdgeCaller() {
	}

	/**
	 * Return the caller of an exchange.
	 * @param exchange the exchange
	 * @return the caller, or empty for an anonymous request
	 */
	public static Mono<EdgePrincipal> of(ServerWebExchange exchange) {
		EdgePrincipal noted = exchange.getAttribute(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE);
		if (noted != null) {
			return Mono.just(noted);
		}
		return exchange.getPrincipal()
			.filter(EdgeAuthentication.class::isInstance)
			.map((authentication) -> ((EdgeAuthentication) authentication).getPrincipal());
	}

}
