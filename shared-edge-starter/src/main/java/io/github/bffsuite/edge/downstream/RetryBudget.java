package io.github.bffsuite.edge.downstream;

/**
 * A retry budget: a token bucket that every call fills by a ratio and every retry drains
 * by one token, capped at a burst. However often a service fails, retries stay at about
 * {@code ratio} times the calls, so retries never multiply the load on a service that is
 * already down.
 */
public final class RetryBudget {

	private static final long SCALE = 1000;

	private final long deposit;

	private final long capacity;

	private long tokens;

	/**
	 * Create a full budget.
	 * @param ratio retries allowed per call on average
	 * @param burst most retries allowed in a burst
	 */
	public RetryBudget(double ratio, int burst) {
		this.deposit = Math.round(ratio * SCALE);
		this.capacity = Math.max(1, burst) * SCALE;
		this.tokens = this.capacity;
	}

	/**
	 * Record a call.
	 */
	public synchronized void deposit() {
		this.tokens = Math.min(this.capacity, this.tokens + this.deposit);
	}

	/**
	 * Take a token for a retry if one is left.
	 * @return whether the retry may go ahead
	 */
	public synchronized boolean tryWithdraw() {
		if (this.tokens >= SCALE) {
			this.tokens -= SCALE;
			return true;
		}
		return false;
	}

	/**
	 * Return the retries left in the budget.
	 * @return the whole tokens left
	 */
	public synchronized long remaining() {
		return this.tokens / SCALE;
	}

}
