package io.github.bffsuite.edge.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.github.bffsuite.edge.ratelimit.RateLimitStore;
import reactor.core.publisher.Mono;

/**
 * Buckets and quotas in this instance's memory. Each key is checked and consumed under
 * its map entry's lock, so concurrent requests never over-spend. Bounded: keys whose
 * bucket is full again and whose quota windows have ended carry no information and are
 * swept regularly; at {@code maxKeys} such keys are swept at once and, if that is not
 * enough, arbitrary keys are dropped (forgetting what they used) so memory stays bounded.
 */
public class InMemoryRateLimitStore implements RateLimitStore {

	private final ConcurrentHashMap<String, TokenBucket.State> states = new ConcurrentHashMap<>();

	private final int maxKeys;

	private final long sweepIntervalMillis;

	private final Clock clock;

	private final RateLimitDecision.Origin origin;

	private final AtomicLong nextSweep;

	public InMemoryRateLimitStore(int maxKeys, Duration sweepInterval, Clock clock, RateLimitDecision.Origin origin) {
		this.maxKeys = maxKeys;
		this.sweepIntervalMillis = sweepInterval.toMillis();
		this.clock = clock;
		this.origin = origin;
		this.nextSweep = new AtomicLong(clock.millis() + this.sweepIntervalMillis);
	}

	@Override
	public Mono<RateLimitDecision> consume(RateLimitPolicy policy, String key, long cost) {
		return Mono.fromSupplier(() -> consumeNow(policy, key, cost));
	}

	/**
	 * Check and consume without a publisher, for callers that are already synchronous.
	 * @param policy the policy
	 * @param key the key
	 * @param cost the cost
	 * @return the decision
	 */
	@Override
	public boolean isSynchronous() {
		return true;
	}

	@Override
	public RateLimitDecision consumeNow(RateLimitPolicy policy, String key, long cost) {
		long now = this.clock.millis();
		sweepIfDue(now);
		if (this.states.size() >= this.maxKeys) {
			evict(now);
		}
		RateLimitDecision[] decision = new RateLimitDecision[1];
		this.states.compute(policy.name() + '\u0000' + key, (id, state) -> {
			TokenBucket.Step step = TokenBucket.consume(policy, state, now, cost, this.origin);
			decision[0] = step.decision();
			return step.state();
		});
		return decision[0];
	}

	/**
	 * Return how many keys are held.
	 * @return the number of keys
	 */
	public int size() {
		return this.states.size();
	}

	private void sweepIfDue(long now) {
		long due = this.nextSweep.get();
		if (now >= due && this.nextSweep.compareAndSet(due, now + this.sweepIntervalMillis)) {
			sweep(now);
		}
	}

	private void sweep(long now) {
		// removeIf on a ConcurrentHashMap removes an entry only if it still holds the
		// state that was tested
		this.states.entrySet().removeIf((entry) -> entry.getValue().expiresAt <= now);
	}

	private synchronized void evict(long now) {
		if (this.states.size() < this.maxKeys) {
			return;
		}
		sweep(now);
		int target = this.maxKeys - Math.max(1, this.maxKeys / 10);
		Iterator<String> keys = this.states.keySet().iterator();
		while (this.states.size() > target && keys.hasNext()) {
			keys.next();
			keys.remove();
		}
	}

}
