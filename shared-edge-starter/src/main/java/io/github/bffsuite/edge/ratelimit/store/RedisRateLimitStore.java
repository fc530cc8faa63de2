package io.github.bffsuite.edge.ratelimit.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.github.bffsuite.edge.ratelimit.RateLimitStore;
import io.github.bffsuite.edge.ratelimit.RateLimitStoreHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets and quotas in Redis, shared by every gateway instance: one Lua script (run with
 * EVALSHA) checks and consumes a key's bucket and quota windows atomically, with the time
 * taken from Redis. Keys are {@code <prefix>{<policy>:<key>}:b} and
 * {@code ...:q<n>-<window ms>}, hash-tagged so a key's parts share a cluster slot, and
 * expire once they carry no information.
 * <p>
 * Every call has a timeout and goes through a circuit breaker; while Redis fails or the
 * circuit is open the policy's {@link io.github.bffsuite.edge.ratelimit.RedisFailureMode}
 * decides.
 */
public class RedisRateLimitStore implements RateLimitStore {

	/** Gauge that is 1 while the Redis circuit is not closed. */
	public static final String DEGRADED_GAUGE = "edge.ratelimit.redis.degraded";

	private static final Log logger = LogFactory.getLog(RedisRateLimitStore.class);

	private final ReactiveStringRedisTemplate redis;

	private final RedisScript<List<Long>> script;

	private final String keyPrefix;

	private final Duration timeout;

	private final CircuitBreaker circuitBreaker;

	private final RateLimitStore fallback;

	private final long failClosedRetryMillis;

	private final Duration coldStartTimeout;

	private final long coldStartNanos;

	private final AtomicLong firstCall = new AtomicLong();

	public RedisRateLimitStore(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script, String keyPrefix,
			Duration timeout, CircuitBreaker circuitBreaker, Duration openWait, RateLimitStore fallback) {
		this(redis, script, keyPrefix, timeout, timeout, Duration.ZERO, circuitBreaker, openWait, fallback);
	}

	public RedisRateLimitStore(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script, String keyPrefix,
			Duration timeout, Duration coldStartTimeout, Duration coldStartPeriod, CircuitBreaker circuitBreaker,
			Duration openWait, RateLimitStore fallback) {
		this.redis = redis;
		this.script = script;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
		this.coldStartTimeout = coldStartTimeout;
		this.coldStartNanos = coldStartPeriod.toNanos();
		this.circuitBreaker = circuitBreaker;
		this.fallback = fallback;
		this.failClosedRetryMillis = openWait.toMillis();
	}

	@Override
	public Mono<RateLimitDecision> consume(RateLimitPolicy policy, String key, long cost) {
		return this.redis.execute(this.script, keys(policy, key), args(policy, cost))
			.single()
			.timeout(timeout())
			.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker))
			.map(RedisRateLimitStore::decision)
			.onErrorResume((ex) -> unavailable(policy, key, cost, ex));
	}

	/**
	 * The wait for one decision: longer while this instance is cold (it made its first
	 * decision less than the cold-start period ago), so that connection set-up, class
	 * loading and a JIT that has not compiled the request path yet are not taken for a
	 * Redis outage that opens the circuit and hands decisions to the outage policy.
	 */
	private Duration timeout() {
		long now = System.nanoTime();
		long first = this.firstCall.get();
		if (first == 0 && this.firstCall.compareAndSet(0, now)) {
			first = now;
		}
		return (now - first < this.coldStartNanos) ? this.coldStartTimeout : this.timeout;
	}

	/**
	 * Whether decisions are made without Redis for now: the circuit is open or half open,
	 * so policies apply their Redis failure mode.
	 * @return whether the store is degraded
	 */
	public boolean isDegraded() {
		CircuitBreaker.State state = this.circuitBreaker.getState();
		return state != CircuitBreaker.State.CLOSED && state != CircuitBreaker.State.DISABLED;
	}

	@Override
	public RateLimitStoreHealth health() {
		CircuitBreaker.Metrics metrics = this.circuitBreaker.getMetrics();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("circuit", this.circuitBreaker.getState().name());
		details.put("failureRate", metrics.getFailureRate());
		details.put("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		return new RateLimitStoreHealth(isDegraded(), details);
	}

	/**
	 * Return the circuit breaker guarding Redis calls.
	 * @return the circuit breaker
	 */
	public CircuitBreaker getCircuitBreaker() {
		return this.circuitBreaker;
	}

	/**
	 * Return the Redis keys of a policy and key: the bucket first, then each quota.
	 * @param policy the policy
	 * @param key the key
	 * @return the Redis keys
	 */
	public List<String> keys(RateLimitPolicy policy, String key) {
		String base = this.keyPrefix + "{" + policy.name() + ":" + key + "}:";
		List<String> keys = new ArrayList<>(policy.quotas().size() + 1);
		keys.add(base + "b");
		for (int i = 0; i < policy.quotas().size(); i++) {
			keys.add(base + "q" + i + "-" + policy.quotas().get(i).window().toMillis());
		}
		return keys;
	}

	private static List<String> args(RateLimitPolicy policy, long cost) {
		List<String> args = new ArrayList<>(4 + 2 * policy.quotas().size());
		args.add(Long.toString(policy.capacity()));
		args.add(Long.toString(policy.refillTokens()));
		args.add(Long.toString(policy.refillPeriod().toMillis()));
		args.add(Long.toString(cost));
		for (RateLimitPolicy.Quota quota : policy.quotas()) {
			args.add(Long.toString(quota.limit()));
			args.add(Long.toString(quota.window().toMillis()));
		}
		return args;
	}

	private static RateLimitDecision decision(List<Long> result) {
		return new RateLimitDecision(result.get(0) == 1L, result.get(1), result.get(2), result.get(3), result.get(4),
				RateLimitDecision.Origin.REDIS);
	}

	private Mono<RateLimitDecision> unavailable(RateLimitPolicy policy, String key, long cost, Throwable ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Redis unavailable for rate limit policy '" + policy.name() + "', applying "
					+ policy.onRedisFailure() + ": " + ex);
		}
		return switch (policy.onRedisFailure()) {
			case FAIL_OPEN -> Mono.just(new RateLimitDecision(true, policy.capacity(), policy.capacity(), 0, 0,
					RateLimitDecision.Origin.FAIL_OPEN));
			case FAIL_CLOSED -> Mono.just(new RateLimitDecision(false, policy.capacity(), 0, 0,
					this.failClosedRetryMillis, RateLimitDecision.Origin.FAIL_CLOSED));
			case LOCAL_FALLBACK -> this.fallback.consume(policy, key, cost);
		};
	}

}
