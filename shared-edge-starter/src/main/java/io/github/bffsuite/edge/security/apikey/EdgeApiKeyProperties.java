package io.github.bffsuite.edge.security.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API key authentication of an edge gateway: the header, where keys are stored and how
 * they are hashed, and keys declared in configuration.
 */
@ConfigurationProperties("edge.security.api-key")
public class EdgeApiKeyProperties {

	/**
	 * Request header carrying the API key.
	 */
	private String header = "X-API-Key";

	/**
	 * Where keys are looked up.
	 */
	private Store store = Store.MEMORY;

	/**
	 * How keys are hashed before they are stored or looked up.
	 */
	private Hash hash = Hash.HMAC_SHA256;

	/**
	 * Server-side secret of the HMAC-SHA-256 hash. Keep it out of source control.
	 */
	private @Nullable String secret;

	/**
	 * Prefix of the Redis keys holding API key records.
	 */
	private String redisKeyPrefix = "edge:apikey:";

	/**
	 * How long a Redis lookup is cached on an instance; bounds how late a revocation
	 * takes effect.
	 */
	private Duration cacheTtl = Duration.ofMillis(500);

	/**
	 * Longest wait for one Redis lookup of a key; past it the request gets a 503 problem
	 * instead of waiting on a Redis that does not answer.
	 */
	private Duration redisTimeout = Duration.ofSeconds(1);

	/**
	 * Whether keys must be in the checksummed format
	 * bffk_&lt;environment&gt;_&lt;tenant&gt;_&lt;random&gt;&lt;checksum&gt;: a key that
	 * is not is refused before any store lookup, as is one whose tenant differs from its
	 * record's.
	 */
	private boolean requireChecksum = false;

	/**
	 * Shortest time between two last-used updates of a key from one instance; 0 turns
	 * them off.
	 */
	private Duration touchInterval = Duration.ofMinutes(1);

	/**
	 * Keys declared in configuration, by key id; only hashes are configured. The memory
	 * store holds them, the Redis store is seeded with them at start-up.
	 */
	private Map<String, KeyDefinition> keys = new LinkedHashMap<>();

	public String getHeader() {
		return this.header;
	}

	public void setHeader(String header) {
		this.header = header;
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Hash getHash() {
		return this.hash;
	}

	public void setHash(Hash hash) {
		this.hash = hash;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
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

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public boolean isRequireChecksum() {
		return this.requireChecksum;
	}

	public void setRequireChecksum(boolean requireChecksum) {
		this.requireChecksum = requireChecksum;
	}

	public Duration getTouchInterval() {
		return this.touchInterval;
	}

	public void setTouchInterval(Duration touchInterval) {
		this.touchInterval = touchInterval;
	}

	public Map<String, KeyDefinition> getKeys() {
		return this.keys;
	}

	public void setKeys(Map<String, KeyDefinition> keys) {
		this.keys = keys;
	}

	/**
	 * API key stores.
	 */
	public enum Store {

		/** Keys from configuration, held in memory. */
		MEMORY,

		/** Keys in Redis, shared by every gateway instance. */
		REDIS

	}

	/**
	 * Key hashes.
	 */
	public enum Hash {

		/** HMAC-SHA-256 with the configured server-side secret. */
		HMAC_SHA256,

		/** Plain SHA-256. */
		SHA256

	}

	/**
	 * An API key declared in configuration.
	 */
	public static class KeyDefinition {

		/**
		 * Hex hash of the key, as computed with the configured hash.
		 */
		private String hash = "";

		/**
		 * Tenant the key belongs to.
		 */
		private String tenant = "";

		/**
		 * Plan of the partner, which selects rate-limit policies.
		 */
		private String plan = "basic";

		/**
		 * Scopes the key grants.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		/**
		 * Instant after which the key is refused.
		 */
		private @Nullable Instant expiresAt;

		/**
		 * Whether the key is revoked.
		 */
		private boolean revoked;

		/**
		 * Addresses or CIDR ranges the key may be used from; any when empty.
		 */
		private List<String> allowedIps = new ArrayList<>();

		/**
		 * The key's masked form that admins see in key listings, such as
		 * bffk_test_acme_pVHR…fuyj: the first 4 and last 4 characters of its random part.
		 * A value without the ellipsis is ignored, so that a full key pasted here is
		 * never shown.
		 */
		private String hint = "";

		/**
		 * When the key was made, shown in key listings.
		 */
		private @Nullable Instant createdAt;

		public String getHash() {
			return this.hash;
		}

		public void setHash(String hash) {
			this.hash = hash;
		}

		public String getTenant() {
			return this.tenant;
		}

		public void setTenant(String tenant) {
			this.tenant = tenant;
		}

		public String getPlan() {
			return this.plan;
		}

		public void setPlan(String plan) {
			this.plan = plan;
		}

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable Instant getExpiresAt() {
			return this.expiresAt;
		}

		public void setExpiresAt(@Nullable Instant expiresAt) {
			this.expiresAt = expiresAt;
		}

		public boolean isRevoked() {
			return this.revoked;
		}

		public void setRevoked(boolean revoked) {
			this.revoked = revoked;
		}

		public List<String> getAllowedIps() {
			return this.allowedIps;
		}

		public void setAllowedIps(List<String> allowedIps) {
			this.allowedIps = allowedIps;
		}

		public String getHint() {
			return this.hint;
		}

		public void setHint(String hint) {
			this.hint = hint;
		}

		public @Nullable Instant getCreatedAt() {
			return this.createdAt;
		}

		public void setCreatedAt(@Nullable Instant createdAt) {
			this.createdAt = createdAt;
		}

	}

}
