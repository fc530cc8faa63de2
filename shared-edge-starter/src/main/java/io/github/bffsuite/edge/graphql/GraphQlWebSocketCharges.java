package io.github.bffsuite.edge.graphql;

import java.util.List;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * Charges operations sent over graphql-ws as HTTP requests are charged: each operation
 * takes the policies bound to {@code POST} on the GraphQL HTTP path (what the rate limit
 * web filter takes for an HTTP operation), and its static cost from the cost policy. The
 * caller is the one authenticated in the connection's {@code connection_init}; the client
 * address is the handshake's.
 *
 * @param limiter the rate limiter
 * @param policies the policies of the GraphQL HTTP path's binding, empty for none
 * @param cost the binding's cost, {@code null} for each policy's own
 * @param route the binding's path pattern
 */
public record GraphQlWebSocketCharges(EdgeRateLimiter limiter, List<String> policies, @Nullable Long cost,
		String route) {

	/**
	 * Take one operation from the caller's request policies.
	 * @param handshake the exchange that opened the connection
	 * @return the decision, empty when a key part is missing
	 */
	Mono<RateLimitDecision> operation(ServerWebExchange handshake) {
		return caller().flatMap(
				(caller) -> this.limiter.consume(handshake, caller.principal(), this.policies, this.cost, this.route));
	}

	/**
	 * Take an operation's cost from the caller's cost policy.
	 * @param handshake the exchange that opened the connection
	 * @param policy the cost policy
	 * @param cost the cost
	 * @param path the request path, the route of the charge
	 * @return the decision, empty when a key part is missing
	 */
	Mono<RateLimitDecision> cost(ServerWebExchange handshake, String policy, long cost, String path) {
		return caller()
			.flatMap((caller) -> this.limiter.consume(handshake, caller.principal(), List.of(policy), cost, path));
	}

	private static Mono<Caller> caller() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull(SecurityContext::getAuthentication)
			.filter(EdgeAuthentication.class::isInstance)
			.map((authentication) -> new Caller(((EdgeAuthentication) authentication).getPrincipal()))
			.defaultIfEmpty(new Caller(null));
	}

	private record Caller(@Nullable EdgePrincipal principal) {

	}

}
