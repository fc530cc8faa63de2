package io.github.bffsuite.edge.ratelimit;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves the key a policy counts a request under, from the parts the policy names
 * ({@link RateLimitPolicy#key()}), as Spring Cloud Gateway's {@code KeyResolver} does for
 * its rate limiter. Declare a bean of this type to replace the default.
 */
@FunctionalInterface
public interface RateLimitKeyResolver {

	/**
	 * Return the key of a request under a policy, unique within the policy.
	 * @param policy the policy
	 * @param exchange the exchange
	 * @param route the route id or binding pattern, for {@link RateLimitKey#ROUTE}
	 * @param principal the authenticated caller, if any
	 * @return the key, or {@code null} when the request lacks a part the policy needs
	 */
	@Nullable String resolve(RateLimitPolicy policy, ServerWebExchange exchange, String route, @Nullable EdgePrincipal principal);

}
