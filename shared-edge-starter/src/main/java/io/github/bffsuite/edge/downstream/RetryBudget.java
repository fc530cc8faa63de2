package io.github.bffsuite.edge.downstream;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A retry budget: a token bucket that every call fills by a ratio and every retry drains
 * by one token, capped at a burst. However often a service fails, retries stay at about
 * {@code ratio} times the calls, so retries never multiply the load on a service that is
 * already down.
 * <p>
 * Lock-free (compare-and-set on one counter of thousandths of a token), since it is
 * touched by every call on the event loop. Neither resilience4j nor Reactor offers a
 * budget shared across calls: their retries are bounded per call only.
 */
public final class RetryBudget {

	private static final long SCALE = 1000;

	private final long deposit;

	private final long capacity;

	private final AtomicLong tokens;

	/**
	 * Create a full budget.
	 * @param ratio retries allowed per call on average
	 * @param burst most retries allowed in a burst
	 */
	public RetryBudget(double ratio, int burst) {
		this.deposit = Math.round(ratio * SCALE);
		this.capacity = Math.max(1, burst) * SCALE;
		this.tokens = new AtomicLong(this.capacity);
	}

	/**
	 * Record a call.
	 */
	public void deposit() {
		this.tokens.accumulateAndGet(this.deposit, (tokens, deposit) -> Math.min(this.capacity, tokens + deposit));
	}

	/**
	 * Take a token for a retry if one is left.
	 * @return whether the retry may go ahead
	 */
	public boolean tryWithdraw() {
		long tokens = this.tokens.get();
		while (tokens >= SCALE) {
			long witness = this.tokens.compareAndExchange(tokens, tokens - SCALE);
			if (witness == tokens) {
				return true;
			}
			tokens = witness;
		}
		return false;
	}

	/**
	 * Return the retries left in the budget.
	 * @return the whole tokens left
	 */
	public long remaining() {
		return this.tokens.get() / SCALE;
	}

}
