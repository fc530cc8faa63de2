package io.github.bffsuite.edge.ratelimit;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.web.server.ServerWebExchange;

/**
 * Told of every rate limit decision, on the request's thread: for usage tracking or quota
 * events. Must return at once; slow work belongs elsewhere.
 */
@FunctionalInterface
public interface RateLimitListener {

	/**
	 * A decision was taken.
	 * @param exchange the exchange
	 * @param principal the caller, {@code null} when anonymous
	 * @param policy the policy
	 * @param decision the decision; for a policy with one quota and no bucket, that
	 * quota's state
	 * @param cost the tokens the request cost
	 */
	void onDecision(ServerWebExchange exchange, @Nullable EdgePrincipal principal, RateLimitPolicy policy,
			RateLimitDecision decision, long cost);

}
