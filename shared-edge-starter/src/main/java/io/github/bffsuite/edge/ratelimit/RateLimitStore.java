package io.github.bffsuite.edge.ratelimit;

import reactor.core.publisher.Mono;

/**
 * Holds token buckets and quota counters, and checks and consumes them in one atomic step
 * per request.
 */
public interface RateLimitStore {

	/**
	 * Check the policy's bucket and quotas for a key and, when all have enough tokens,
	 * take the cost from each.
	 * @param policy the policy
	 * @param key the key, unique within the policy
	 * @param cost the tokens the request costs
	 * @return the decision
	 */
	Mono<RateLimitDecision> consume(RateLimitPolicy policy, String key, long cost);

	/**
	 * Return the store's health, for the rate limit health indicator.
	 * @return the health
	 */
	default RateLimitStoreHealth health() {
		return RateLimitStoreHealth.UP;
	}

}
