package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.support.CircuitBreakerProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Named downstream services of a gateway, referenced by routes and aggregating handlers,
 * such as {@code uri: ${edge.downstream.services.user-service.base-url}} in a route, each
 * with its own timeouts, connection pool, circuit breaker, retry policy and bulkhead.
 */
@ConfigurationProperties("edge.downstream")
public class EdgeDownstreamProperties {

	/**
	 * Whether named downstream clients and their resilience policies are configured.
	 */
	private boolean enabled = true;

	/**
	 * Downstream services by name.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * Name of the SSL bundle (spring.ssl.bundle.*) that every downstream's client uses
	 * for HTTPS base URLs: its key store is the client certificate the edge presents and
	 * its trust store the CAs it trusts for the services' certificates. A service may
	 * name another with its own ssl-bundle. Without one, HTTPS calls trust the JVM's
	 * default CAs and present no certificate. Host names are always verified.
	 */
	private @Nullable String sslBundle;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	public @Nullable String getSslBundle() {
		return this.sslBundle;
	}

	public void setSslBundle(@Nullable String sslBundle) {
		this.sslBundle = sslBundle;
	}

	/**
	 * A downstream service.
	 */
	public static class Service {

		/**
		 * Base URL of the service, such as http://localhost:9001. Use lb://name together
		 * with instances to balance over several instances.
		 */
		private String baseUrl = "";

		/**
		 * Base URLs of the instances of a load-balanced service; calls are spread over
		 * them round-robin and an instance that refuses connections is skipped for the
		 * ejection time.
		 */
		private List<URI> instances = new ArrayList<>();

		/**
		 * How long an instance that refused a connection is left out of load balancing.
		 */
		private Duration ejectionTime = Duration.ofSeconds(10);

		/**
		 * Longest time to establish a connection.
		 */
		private Duration connectTimeout = Duration.ofSeconds(1);

		/**
		 * Longest time for one attempt to receive the response headers; an attempt that
		 * takes longer fails with 504.
		 */
		private Duration responseTimeout = Duration.ofSeconds(3);

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) of this service's client, instead
		 * of edge.downstream.ssl-bundle: the client certificate presented to the service
		 * and the CAs trusted for its certificate.
		 */
		private @Nullable String sslBundle;

		/**
		 * Connection pool of the service's client.
		 */
		private final Pool pool = new Pool();

		/**
		 * Circuit breaker of the service; 5xx answers, timeouts and connection errors
		 * count as failures, 4xx answers never do.
		 */
		@NestedConfigurationProperty
		private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

		/**
		 * Retry policy for idempotent calls.
		 */
		private final Retry retry = new Retry();

		/**
		 * Bulkhead that bounds concurrent calls to the service.
		 */
		private final Bulkhead bulkhead = new Bulkhead();

		/**
		 * Response cache for the service's GET answers that allow it.
		 */
		private final Cache cache = new Cache();

		public String getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(String baseUrl) {
			this.baseUrl = baseUrl;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public List<URI> getInstances() {
			return this.instances;
		}

		public void setInstances(List<URI> instances) {
			this.instances = instances;
		}

		public Duration getEjectionTime() {
			return this.ejectionTime;
		}

		public void setEjectionTime(Duration ejectionTime) {
			this.ejectionTime = ejectionTime;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getResponseTimeout() {
			return this.responseTimeout;
		}

		public void setResponseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
		}

		public Pool getPool() {
			return this.pool;
		}

		public CircuitBreakerProperties getCircuitBreaker() {
			return this.circuitBreaker;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Bulkhead getBulkhead() {
			return this.bulkhead;
		}

		public Cache getCache() {
			return this.cache;
		}

	}

	/**
	 * Connection pool settings.
	 */
	public static class Pool {

		/**
		 * Most connections open to the service at once.
		 */
		private int maxConnections = 100;

		/**
		 * Longest time a call waits for a free connection before it fails with 503.
		 */
		private Duration pendingAcquireTimeout = Duration.ofMillis(500);

		/**
		 * Most calls waiting for a free connection; -1 for no bound.
		 */
		private int pendingAcquireMaxCount = 1000;

		/**
		 * Time after which an idle connection is closed; keep it shorter than the
		 * service's keep-alive timeout so that the client never reuses a connection the
		 * service is closing.
		 */
		private Duration maxIdleTime = Duration.ofSeconds(20);

		/**
		 * Longest lifetime of a connection, so that connections move to new instances.
		 */
		private Duration maxLifeTime = Duration.ofMinutes(5);

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public Duration getPendingAcquireTimeout() {
			return this.pendingAcquireTimeout;
		}

		public void setPendingAcquireTimeout(Duration pendingAcquireTimeout) {
			this.pendingAcquireTimeout = pendingAcquireTimeout;
		}

		public int getPendingAcquireMaxCount() {
			return this.pendingAcquireMaxCount;
		}

		public void setPendingAcquireMaxCount(int pendingAcquireMaxCount) {
			this.pendingAcquireMaxCount = pendingAcquireMaxCount;
		}

		public Duration getMaxIdleTime() {
			return this.maxIdleTime;
		}

		public void setMaxIdleTime(Duration maxIdleTime) {
			this.maxIdleTime = maxIdleTime;
		}

		public Duration getMaxLifeTime() {
			return this.maxLifeTime;
		}

		public void setMaxLifeTime(Duration maxLifeTime) {
			this.maxLifeTime = maxLifeTime;
		}

	}

	/**
	 * Retry settings. Only idempotent calls are retried (GET, HEAD, OPTIONS, PUT, DELETE,
	 * and POST with an Idempotency-Key header), only after connection errors and 502, 503
	 * or 504 answers, never after a timeout.
	 */
	public static class Retry {

		/**
		 * Whether idempotent calls are retried.
		 */
		private boolean enabled = true;

		/**
		 * Most attempts per call, the first one included.
		 */
		private int maxAttempts = 3;

		/**
		 * Backoff before the first retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(50);

		/**
		 * Factor by which the backoff grows after each retry.
		 */
		private double multiplier = 2;

		/**
		 * Longest backoff.
		 */
		private Duration maxBackoff = Duration.ofMillis(500);

		/**
		 * Random share of each backoff, between 0 and 1, that spreads the retries of
		 * concurrent callers.
		 */
		private double jitter = 0.5;

		/**
		 * Retry budget shared by all calls to the service.
		 */
		private final Budget budget = new Budget();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Budget getBudget() {
			return this.budget;
		}

	}

	/**
	 * Retry budget: a token bucket that each call fills by the ratio and each retry
	 * drains by one, so that a service failing every call sees at most about (1 + ratio)
	 * times the client traffic.
	 */
	public static class Budget {

		/**
		 * Retries allowed per call on average.
		 */
		private double ratio = 0.2;

		/**
		 * Retries allowed in a burst, also the initial content of the bucket.
		 */
		private int burst = 10;

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

	}

	/**
	 * Bulkhead settings.
	 */
	public static class Bulkhead {

		/**
		 * Whether concurrent calls are bounded.
		 */
		private boolean enabled = true;

		/**
		 * Most calls in flight to the service at once; more fail at once with 503 rather
		 * than wait.
		 */
		private int maxConcurrentCalls = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxConcurrentCalls() {
			return this.maxConcurrentCalls;
		}

		public void setMaxConcurrentCalls(int maxConcurrentCalls) {
			this.maxConcurrentCalls = maxConcurrentCalls;
		}

	}

	/**
	 * Response cache settings. Only GET answers are cached, only when the service allows
	 * it with {@code Cache-Control} ({@code max-age}, {@code s-maxage}, or
	 * {@code no-cache} with an {@code ETag}); {@code private} answers are kept per
	 * principal.
	 */
	public static class Cache {

		/**
		 * Whether the service's cacheable GET answers are cached.
		 */
		private boolean enabled;

		/**
		 * Where cached answers are kept: in this instance's memory, or in Redis to share
		 * them between gateway instances.
		 */
		private CacheStore store = CacheStore.MEMORY;

		/**
		 * Most answers kept in memory.
		 */
		private int maxEntries = 10_000;

		/**
		 * Most bytes of answer bodies kept in memory.
		 */
		private DataSize maxSize = DataSize.ofMegabytes(64);

		/**
		 * Largest body that is cached; larger answers pass through uncached.
		 */
		private DataSize maxEntrySize = DataSize.ofKilobytes(512);

		/**
		 * Longest time an answer is served without asking the service, whatever its
		 * max-age says.
		 */
		private Duration maxTtl = Duration.ofMinutes(10);

		/**
		 * How long a stale answer with an ETag is kept after it expires, to be
		 * revalidated with If-None-Match rather than fetched again.
		 */
		private Duration staleRetention = Duration.ofMinutes(10);

		/**
		 * Prefix of the Redis keys of the cache.
		 */
		private String redisKeyPrefix = "edge:downstream-cache:";

		/**
		 * Longest wait for Redis; past it the call goes to the service uncached.
		 */
		private Duration redisTimeout = Duration.ofMillis(200);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public CacheStore getStore() {
			return this.store;
		}

		public void setStore(CacheStore store) {
			this.store = store;
		}

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public DataSize getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(DataSize maxSize) {
			this.maxSize = maxSize;
		}

		public DataSize getMaxEntrySize() {
			return this.maxEntrySize;
		}

		public void setMaxEntrySize(DataSize maxEntrySize) {
			this.maxEntrySize = maxEntrySize;
		}

		public Duration getMaxTtl() {
			return this.maxTtl;
		}

		public void setMaxTtl(Duration maxTtl) {
			this.maxTtl = maxTtl;
		}

		public Duration getStaleRetention() {
			return this.staleRetention;
		}

		public void setStaleRetention(Duration staleRetention) {
			this.staleRetention = staleRetention;
		}

		public String getRedisKeyPrefix() {
			return this.redisKeyPrefix;
		}

		public void setRedisKeyPrefix(String redisKeyPrefix) {
			this.redisKeyPrefix = redisKeyPrefix;
		}

		public Duration getRedisTimeout() {
			return this.redisTimeout;
		}

		public void setRedisTimeout(Duration redisTimeout) {
			this.redisTimeout = redisTimeout;
		}

	}

	/**
	 * Where a response cache keeps its answers.
	 */
	public enum CacheStore {

		/**
		 * In this instance's memory (Caffeine), bounded in entries and bytes.
		 */
		MEMORY,

		/**
		 * In Redis, shared by every instance of the gateway.
		 */
		REDIS

	}

}
