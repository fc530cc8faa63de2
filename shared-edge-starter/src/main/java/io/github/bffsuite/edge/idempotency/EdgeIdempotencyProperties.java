package io.github.bffsuite.edge.idempotency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.bffsuite.edge.support.RequestRule;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * Idempotency keys of an edge gateway: where a key is required, how long a response is
 * kept for replays, and the store that keeps it.
 */
@ConfigurationProperties("edge.idempotency")
public class EdgeIdempotencyProperties {

	/**
	 * Whether requests on the bound paths are made idempotent by their key.
	 */
	private boolean enabled = true;

	/**
	 * Request header that carries the key.
	 */
	private String header = "Idempotency-Key";

	/**
	 * How long a completed response is kept and replayed for its key. Clients must not
	 * retry with the same key after this period.
	 */
	private Duration ttl = Duration.ofHours(24);

	/**
	 * How long a key stays locked while its first request runs. Bounds how long a crashed
	 * instance can block retries of the same key.
	 */
	private Duration lockTimeout = Duration.ofSeconds(60);

	/**
	 * Largest request body that is fingerprinted; a larger body is refused with 413.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(1);

	/**
	 * Largest response that is kept for replays; a larger one is sent but not kept, and
	 * its key is released.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(1);

	/**
	 * Longest key accepted.
	 */
	private int maxKeyLength = 255;

	/**
	 * Where keys and responses are kept.
	 */
	private Store store = Store.MEMORY;

	/**
	 * Requests that require a key, first match wins.
	 */
	private List<Binding> bindings = new ArrayList<>();

	/**
	 * In-memory store settings.
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

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public int getMaxKeyLength() {
		return this.maxKeyLength;
	}

	public void setMaxKeyLength(int maxKeyLength) {
		this.maxKeyLength = maxKeyLength;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public List<Binding> getBindings() {
		return this.bindings;
	}

	public void setBindings(List<Binding> bindings) {
		this.bindings = bindings;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Where keys are kept.
	 */
	public enum Store {

		/** In this instance only. */
		MEMORY,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * Requests on which a key is required: a path pattern and the HTTP methods, POST
	 * unless set.
	 */
	public static class Binding extends RequestRule {

		public Binding() {
			getMethods().add(HttpMethod.POST);
		}

	}

	/**
	 * In-memory store settings.
	 */
	public static class Memory {

		/**
		 * Most keys kept; the least recently used go first.
		 */
		private long maxKeys = 100_000;

		public long getMaxKeys() {
			return this.maxKeys;
		}

		public void setMaxKeys(long maxKeys) {
			this.maxKeys = maxKeys;
		}

	}

	/**
	 * Redis store settings.
	 */
	public static class Redis {

		/**
		 * Prefix of the Redis keys.
		 */
		private String keyPrefix = "edge:idempotency:";

		/**
		 * Longest wait for one Redis command before the request is refused with 503.
		 */
		private Duration timeout = Duration.ofSeconds(1);

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

	}

}
