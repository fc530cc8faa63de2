package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.support.CircuitBreakerProperties;
import io.github.bffsuite.edge.support.RequestRule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * Rate limits of an edge gateway: token bucket policies with optional quota windows, the
 * plans that select policies per caller, the bindings of policies to paths, and the store
 * that holds the counters.
 */
@ConfigurationProperties("edge.rate-limit")
public class EdgeRateLimitProperties {

	/**
	 * Whether requests are rate limited.
	 */
	private boolean enabled = true;

	/**
	 * Where buckets and quota counters are kept.
	 */
	private Store store = Store.MEMORY;

	/**
	 * Policies by name. The name "plan" is reserved: in a binding or a route filter it
	 * stands for the policies of the caller's plan.
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	/**
	 * Policy names by plan, such as basic or pro. The plan "default" applies to callers
	 * without a plan or with a plan not listed here.
	 */
	private Map<String, List<String>> plans = new LinkedHashMap<>();

	/**
	 * Policies applied by the web filter to requests whose path matches, first match
	 * wins; covers handlers that are not gateway routes.
	 */
	private List<Binding> bindings = new ArrayList<>();

	/**
	 * Syntax of the rate limit headers: draft-10 sends the structured RateLimit-Policy
	 * and RateLimit lists with one item per policy and answers 429 "quota-exceeded"
	 * naming the violated policies; draft-07, for clients that still need it, sends
	 * RateLimit-Limit, -Remaining, -Reset and RateLimit-Policy for the most constraining
	 * limit and answers 429 "rate-limited". Both send X-RateLimit-Limit, -Remaining and
	 * -Reset.
	 */
	private HeaderSyntax headerSyntax = HeaderSyntax.DRAFT_10;

	/**
	 * Addresses or CIDR ranges of proxies whose X-Forwarded-For header is trusted when
	 * the client IP is a key.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * In-memory store settings, also used for the local fallback during Redis outages.
	 */
	private final Memory memory = new Memory();

	/**
	 * Redis store settings.
	 */
	private final Redis redis = new Redis();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = policies;
	}

	public Map<String, List<String>> getPlans() {
		return this.plans;
	}

	public void setPlans(Map<String, List<String>> plans) {
		this.plans = plans;
	}

	public List<Binding> getBindings() {
		return this.bindings;
	}

	public void setBindings(List<Binding> bindings) {
		this.bindings = bindings;
	}

	public HeaderSyntax getHeaderSyntax() {
		return this.headerSyntax;
	}

	public void setHeaderSyntax(HeaderSyntax headerSyntax) {
		this.headerSyntax = headerSyntax;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Where counters are kept.
	 */
	public enum Store {

		/** In this instance's memory: limits are per instance. */
		MEMORY,

		/** In Redis: limits are shared by every instance. */
		REDIS

	}

	/**
	 * Syntax of the rate limit headers (IETF httpapi RateLimit header drafts).
	 */
	public enum HeaderSyntax {

		/**
		 * RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy such
		 * as {@code 10;w=1}.
		 */
		DRAFT_07,

		/**
		 * Structured RateLimit-Policy such as {@code "daily";q=10000;w=86400} and
		 * RateLimit such as {@code "daily";r=9950;t=3600}, one item per policy.
		 */
		DRAFT_10

	}

	/**
	 * A token bucket with optional longer quota windows on the same key.
	 */
	public static class Policy {

		/**
		 * Tokens the bucket holds when full, the largest burst; 0 for no bucket, so that
		 * only the quotas count.
		 */
		private long capacity = 10;

		/**
		 * Tokens added to the bucket every refill period.
		 */
		private long refillTokens = 10;

		/**
		 * Period over which refill-tokens are added, continuously.
		 */
		private Duration refillPeriod = Duration.ofSeconds(1);

		/**
		 * Longer fixed windows checked and consumed together with the bucket, such as
		 * 10000 per day.
		 */
		private List<Quota> quotas = new ArrayList<>();

		/**
		 * What the policy counts per: user, tenant, client, ip or route, or several of
		 * them combined.
		 */
		private Set<RateLimitKey> key = new LinkedHashSet<>(List.of(RateLimitKey.USER));

		/**
		 * What happens to requests while Redis cannot be reached.
		 */
		private RedisFailureMode onRedisFailure = RedisFailureMode.LOCAL_FALLBACK;

		/**
		 * Tokens a request costs unless its binding or route filter says otherwise.
		 */
		private long cost = 1;

		public long getCapacity() {
			return this.capacity;
		}

		public void setCapacity(long capacity) {
			this.capacity = capacity;
		}

		public long getRefillTokens() {
			return this.refillTokens;
		}

		public void setRefillTokens(long refillTokens) {
			this.refillTokens = refillTokens;
		}

		public Duration getRefillPeriod() {
			return this.refillPeriod;
		}

		public void setRefillPeriod(Duration refillPeriod) {
			this.refillPeriod = refillPeriod;
		}

		public List<Quota> getQuotas() {
			return this.quotas;
		}

		public void setQuotas(List<Quota> quotas) {
			this.quotas = quotas;
		}

		public Set<RateLimitKey> getKey() {
			return this.key;
		}

		public void setKey(Set<RateLimitKey> key) {
			this.key = key;
		}

		public RedisFailureMode getOnRedisFailure() {
			return this.onRedisFailure;
		}

		public void setOnRedisFailure(RedisFailureMode onRedisFailure) {
			this.onRedisFailure = onRedisFailure;
		}

		public long getCost() {
			return this.cost;
		}

		public void setCost(long cost) {
			this.cost = cost;
		}

	}

	/**
	 * A fixed window quota, aligned to the epoch (a day window resets at midnight UTC).
	 */
	public static class Quota {

		/**
		 * Tokens allowed per window.
		 */
		private long limit;

		/**
		 * Length of the window.
		 */
		private Duration window = Duration.ofDays(1);

		public long getLimit() {
			return this.limit;
		}

		public void setLimit(long limit) {
			this.limit = limit;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

	}

	/**
	 * Policies for requests matching a path pattern and methods.
	 */
	public static class Binding extends RequestRule {

		/**
		 * Policies applied, in order; "plan" stands for the caller's plan policies. An
		 * empty list exempts matching requests from the web filter.
		 */
		private List<String> policies = new ArrayList<>();

		/**
		 * Tokens a matching request costs, overriding the policies' cost.
		 */
		private @Nullable Long cost;

		public List<String> getPolicies() {
			return this.policies;
		}

		public void setPolicies(List<String> policies) {
			this.policies = policies;
		}

		public @Nullable Long getCost() {
			return this.cost;
		}

		public void setCost(@Nullable Long cost) {
			this.cost = cost;
		}

	}

	/**
	 * In-memory store settings.
	 */
	public static class Memory {

		/**
		 * Most keys held; beyond it idle keys are dropped first, then others.
		 */
		private int maxKeys = 100_000;

		/**
		 * How often keys whose bucket is full again and whose quota windows have ended
		 * are dropped.
		 */
		private Duration sweepInterval = Duration.ofSeconds(30);

		public int getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(int maxKeys) {
			this.maxKeys = maxKeys;
		}

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

	}

	/**
	 * Redis store settings.
	 */
	public static class Redis {

		/**
		 * Prefix of every rate limit key in Redis.
		 */
		private String keyPrefix = "edge:rl:";

		/**
		 * Longest wait for Redis per decision before the policy's Redis failure mode
		 * applies.
		 */
		private Duration timeout = Duration.ofMillis(200);

		/**
		 * Longest wait for Redis per decision during the cold-start period, so that
		 * connection set-up and a cold JVM are not taken for a Redis outage.
		 */
		private Duration coldStartTimeout = Duration.ofSeconds(2);

		/**
		 * How long after its first decision an instance counts as cold.
		 */
		private Duration coldStartPeriod = Duration.ofSeconds(30);

		/**
		 * Circuit breaker that stops waiting on Redis after repeated failures.
		 */
		private final RedisCircuitBreaker circuitBreaker = new RedisCircuitBreaker();

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getColdStartTimeout() {
			return this.coldStartTimeout;
		}

		public void setColdStartTimeout(Duration coldStartTimeout) {
			this.coldStartTimeout = coldStartTimeout;
		}

		public Duration getColdStartPeriod() {
			return this.coldStartPeriod;
		}

		public void setColdStartPeriod(Duration coldStartPeriod) {
			this.coldStartPeriod = coldStartPeriod;
		}

		public RedisCircuitBreaker getCircuitBreaker() {
			return this.circuitBreaker;
		}

	}

	/**
	 * Circuit breaker settings for Redis calls. Unlike a downstream's, slow calls do not
	 * open it by default (a Redis call slower than the timeout fails anyway), and fewer
	 * calls are needed before the failure rate counts.
	 */
	public static class RedisCircuitBreaker extends CircuitBreakerProperties {

		public RedisCircuitBreaker() {
			setMinimumNumberOfCalls(5);
			setSlowCallRateThreshold(100);
			setSlowCallDurationThreshold(Duration.ofSeconds(60));
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		@DeprecatedConfigurationProperty(
				replacement = "edge.rate-limit.redis.circuit-breaker.wait-duration-in-open-state", since = "0.1.0")
		public Duration getWaitInOpenState() {
			return getWaitDurationInOpenState();
		}

		@Deprecated(since = "0.1.0", forRemoval = true)
		public void setWaitInOpenState(Duration waitInOpenState) {
			setWaitDurationInOpenState(waitInOpenState);
		}

	}

}
