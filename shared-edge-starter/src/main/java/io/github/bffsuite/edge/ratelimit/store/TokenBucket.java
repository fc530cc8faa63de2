package io.github.bffsuite.edge.ratelimit.store;

import java.util.List;

import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The token bucket and quota arithmetic of the in-memory store, the same as
 * {@code edge_token_bucket.lua} does in Redis. States are immutable.
 */
final class TokenBucket {

	// absorbs floating point error, so that waiting the returned time is always enough
	private static final double EPSILON = 1e-6;

	private TokenBucket() {
	}

	/**
	 * Check and, when allowed, consume.
	 * @param policy the policy
	 * @param state the key's state, {@code null} when new
	 * @param now the time in epoch milliseconds
	 * @param cost the cost
	 * @param origin the origin of the decision
	 * @return the decision and the new state ({@code null} for none)
	 */
	static Step consume(RateLimitPolicy policy, @Nullable State state, long now, long cost,
			RateLimitDecision.Origin origin) {
		double capacity = policy.capacity();
		// capacity 0: no bucket, the quota windows only
		boolean bucket = policy.capacity() > 0;
		double perMs = (double) policy.refillTokens() / policy.refillPeriod().toMillis();
		double tokens = (state != null && bucket)
				? Math.min(capacity, state.tokens + Math.max(0, now - state.updated) * perMs) : capacity;
		List<RateLimitPolicy.Quota> quotas = policy.quotas();
		int offset = bucket ? 1 : 0;
		Limit[] limits = new Limit[quotas.size() + offset];
		if (bucket) {
			long bucketWait = 0;
			if (tokens + EPSILON < cost) {
				bucketWait = (cost > capacity) ? -1 : ceil((cost - tokens) / perMs);
			}
			limits[0] = new Limit(policy.capacity(), tokens, bucketWait, ceil((capacity - tokens + cost) / perMs),
					ceil((capacity - tokens) / perMs));
		}
		long[] windows = new long[quotas.size()];
		long[] counts = new long[quotas.size()];
		for (int i = 0; i < quotas.size(); i++) {
			RateLimitPolicy.Quota quota = quotas.get(i);
			long window = quota.window().toMillis();
			long index = Math.floorDiv(now, window);
			long count = (state != null && state.windows[i] == index) ? state.counts[i] : 0;
			long reset = (index + 1) * window - now;
			long wait = 0;
			if (count + cost > quota.limit()) {
				wait = (cost > quota.limit()) ? -1 : reset;
			}
			windows[i] = index;
			counts[i] = count;
			limits[i + offset] = new Limit(quota.limit(), quota.limit() - count, wait, reset, reset);
		}
		boolean allowed = true;
		boolean never = false;
		for (Limit limit : limits) {
			allowed &= limit.waitMillis == 0;
			never |= limit.waitMillis == -1;
		}
		if (allowed) {
			return allowed(policy, limits, offset, tokens - cost, now, windows, counts, cost, origin);
		}
		Limit worst = null;
		double worstWait = 0;
		for (Limit limit : limits) {
			double wait = (limit.waitMillis == -1) ? Double.POSITIVE_INFINITY : limit.waitMillis;
			if (wait > 0 && (worst == null || wait > worstWait)) {
				worst = limit;
				worstWait = wait;
			}
		}
		long retry = never ? -1 : (long) worstWait;
		return new Step(new RateLimitDecision(false, worst.size, Math.max(0, (long) Math.floor(worst.left + EPSILON)),
				worst.resetNow, retry, origin), state);
	}

	private static long ceil(double millis) {
		return (long) Math.ceil(millis - EPSILON);
	}

	private static Step allowed(RateLimitPolicy policy, Limit[] limits, int offset, double tokens, long now,
			long[] windows, long[] counts, long cost, RateLimitDecision.Origin origin) {
		long expiresAt = now + ((offset == 0) ? 0 : (long) Math
			.ceil((policy.capacity() - tokens) * policy.refillPeriod().toMillis() / policy.refillTokens()));
		for (int i = 0; i < counts.length; i++) {
			counts[i] += cost;
			expiresAt = Math.max(expiresAt, now + limits[i + offset].resetIfConsumed);
		}
		Limit best = null;
		long bestRemaining = 0;
		for (Limit limit : limits) {
			long remaining = (long) Math.floor(limit.left - cost + EPSILON);
			if (best == null || remaining < bestRemaining
					|| (remaining == bestRemaining && limit.resetIfConsumed > best.resetIfConsumed)) {
				best = limit;
				bestRemaining = remaining;
			}
		}
		RateLimitDecision decision = new RateLimitDecision(true, best.size, bestRemaining, best.resetIfConsumed, 0,
				origin);
		return new Step(decision, new State(tokens, now, windows, counts, expiresAt));
	}

	/**
	 * One key's bucket and quota windows. Identity matters: the store replaces and
	 * removes states by identity.
	 */
	static final class State {

		final double tokens;

		final long updated;

		final long[] windows;

		final long[] counts;

		final long expiresAt;

		State(double tokens, long updated, long[] windows, long[] counts, long expiresAt) {
			this.tokens = tokens;
			this.updated = updated;
			this.windows = windows;
			this.counts = counts;
			this.expiresAt = expiresAt;
		}

	}

	/**
	 * A decision and the state to keep.
	 *
	 * @param decision the decision
	 * @param state the state, {@code null} for none
	 */
	record Step(RateLimitDecision decision, @Nullable State state) {

	}

	private record Limit(long size, double left, long waitMillis, long resetIfConsumed, long resetNow) {

	}

}
