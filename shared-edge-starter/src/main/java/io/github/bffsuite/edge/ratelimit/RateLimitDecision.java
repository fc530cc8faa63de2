package io.github.bffsuite.edge.ratelimit;

/**
 * The outcome of one request against one policy and key. The limit, remaining and reset
 * describe the most constraining of the policy's bucket and quotas: on an allowed request
 * the one with the fewest tokens left, on a denied one the one that makes the caller wait
 * longest.
 *
 * @param allowed whether the request may proceed
 * @param limit the size of the reported bucket or quota
 * @param remaining the tokens left in it
 * @param resetMillis the time until it is full again (bucket) or its window ends
 * @param retryAfterMillis for a denied request, the wait after which the same request is
 * allowed, or {@code -1} when its cost is more than the policy ever allows
 * @param origin what made the decision
 */
public record RateLimitDecision(boolean allowed, long limit, long remaining, long resetMillis, long retryAfterMillis,
		Origin origin) {

	/**
	 * Return this decision with another origin.
	 * @param origin the origin
	 * @return the decision
	 */
	public RateLimitDecision withOrigin(Origin origin) {
		return new RateLimitDecision(this.allowed, this.limit, this.remaining, this.resetMillis, this.retryAfterMillis,
				origin);
	}

	/**
	 * What made a decision.
	 */
	public enum Origin {

		/** The in-memory store. */
		MEMORY,

		/** The Redis store. */
		REDIS,

		/** The in-memory fallback while Redis could not be reached. */
		LOCAL_FALLBACK,

		/** Nothing: Redis could not be reached and the policy fails open. */
		FAIL_OPEN,

		/** Nothing: Redis could not be reached and the policy fails closed. */
		FAIL_CLOSED

	}

}
