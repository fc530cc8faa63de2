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
	 * Whether {@link #consumeNow} decides without I/O.
	 * @return true for a store that keeps its buckets in this process
	 */
	default boolean isSynchronous() {
		return false;
	}

	/**
	 * Check and consume without a publisher, for a store that keeps its buckets in this
	 * process ({@link #isSynchronous()}).
	 * @param policy the policy
	 * @param key the resolved key
	 * @param cost the tokens to take
	 * @return the decision
	 * @throws UnsupportedOperationException when the store is not synchronous
	 */
	default RateLimitDecision consumeNow(RateLimitPolicy policy, String key, long cost) {
		throw new UnsupportedOperationException(getClass().getName() + " decides asynchronously");
	}

	/**
	 * Return the store's health, for the rate limit health indicator.
	 * @return the health
	 */
	default RateLimitStoreHealth health() {
		return RateLimitStoreHealth.UP;
	}

}
