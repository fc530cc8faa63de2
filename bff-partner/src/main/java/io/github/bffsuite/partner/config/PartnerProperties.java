package io.github.bffsuite.partner.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the partner API: the catalogue currency, the deprecation of version 1, API
 * key administration and quota events.
 */
@ConfigurationProperties("edge.partner")
public class PartnerProperties {

	/**
	 * ISO 4217 code of the currency the catalogue's prices are in.
	 */
	private String currency = "EUR";

	/**
	 * Deprecation of version 1 of the API, announced on each of its responses.
	 */
	private final Deprecation v1 = new Deprecation();

	/**
	 * Self-service API key administration.
	 */
	private final Keys keys = new Keys();

	/**
	 * Quota events sent to partners' webhooks.
	 */
	private final Events events = new Events();

	/**
	 * Settings per tenant, by tenant id.
	 */
	private Map<String, Tenant> tenants = new LinkedHashMap<>();

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Deprecation getV1() {
		return this.v1;
	}

	public Keys getKeys() {
		return this.keys;
	}

	public Events getEvents() {
		return this.events;
	}

	public Map<String, Tenant> getTenants() {
		return this.tenants;
	}

	public void setTenants(Map<String, Tenant> tenants) {
		this.tenants = tenants;
	}

	/**
	 * Deprecation of an API version (RFC 9745 and RFC 8594).
	 */
	public static class Deprecation {

		/**
		 * Instant from which the version is deprecated, sent as the Deprecation header;
		 * none when unset.
		 */
		private @Nullable Instant deprecatedAt;

		/**
		 * Instant after which the version may stop answering, sent as the Sunset header;
		 * never earlier than deprecated-at.
		 */
		private @Nullable Instant sunsetAt;

		/**
		 * Page that explains the deprecation, sent as a Link with rel="deprecation".
		 */
		private @Nullable URI notice;

		/**
		 * Documentation of the version that replaces this one, sent as a Link with
		 * rel="successor-version".
		 */
		private @Nullable URI successor;

		public @Nullable Instant getDeprecatedAt() {
			return this.deprecatedAt;
		}

		public void setDeprecatedAt(@Nullable Instant deprecatedAt) {
			this.deprecatedAt = deprecatedAt;
		}

		public @Nullable Instant getSunsetAt() {
			return this.sunsetAt;
		}

		public void setSunsetAt(@Nullable Instant sunsetAt) {
			this.sunsetAt = sunsetAt;
		}

		public @Nullable URI getNotice() {
			return this.notice;
		}

		public void setNotice(@Nullable URI notice) {
			this.notice = notice;
		}

		public @Nullable URI getSuccessor() {
			return this.successor;
		}

		public void setSuccessor(@Nullable URI successor) {
			this.successor = successor;
		}

	}

	/**
	 * API key administration settings.
	 */
	public static class Keys {

		/**
		 * Environment named in the prefix of new keys, such as live or test.
		 */
		private String environment = "live";

		/**
		 * Scope a client-credential token needs to administer its tenant's keys.
		 */
		private String adminScope = "keys:admin";

		/**
		 * Scopes a new key may be given; requested scopes outside it are refused.
		 */
		private List<String> grantableScopes = new ArrayList<>(List.of("products:read", "orders:read", "orders:write"));

		/**
		 * Most active keys a tenant may hold. A key in its rotation grace period counts
		 * with its successor as one, and each key has at most one predecessor in grace
		 * (rotating again ends the earlier grace at once), so a tenant holds at most
		 * twice this many accepted secrets, and only while rotating.
		 */
		private int maxPerTenant = 20;

		/**
		 * Longest grace period a rotation may keep the old key valid for.
		 */
		private Duration maxGracePeriod = Duration.ofDays(7);

		public String getEnvironment() {
			return this.environment;
		}

		public void setEnvironment(String environment) {
			this.environment = environment;
		}

		public String getAdminScope() {
			return this.adminScope;
		}

		public void setAdminScope(String adminScope) {
			this.adminScope = adminScope;
		}

		public List<String> getGrantableScopes() {
			return this.grantableScopes;
		}

		public void setGrantableScopes(List<String> grantableScopes) {
			this.grantableScopes = grantableScopes;
		}

		public int getMaxPerTenant() {
			return this.maxPerTenant;
		}

		public void setMaxPerTenant(int maxPerTenant) {
			this.maxPerTenant = maxPerTenant;
		}

		public Duration getMaxGracePeriod() {
			return this.maxGracePeriod;
		}

		public void setMaxGracePeriod(Duration maxGracePeriod) {
			this.maxGracePeriod = maxGracePeriod;
		}

	}

	/**
	 * Quota event settings.
	 */
	public static class Events {

		/**
		 * Whether quota events are sent.
		 */
		private boolean enabled = true;

		/**
		 * Percentages of a quota whose crossing sends an event, such as 80 and 100.
		 */
		private List<Integer> thresholds = new ArrayList<>(List.of(80, 100));

		/**
		 * Attempts per event, the first included.
		 */
		private int maxAttempts = 5;

		/**
		 * Wait before the first retry; doubles on each further one.
		 */
		private Duration initialBackoff = Duration.ofSeconds(1);

		/**
		 * Longest wait for a webhook's answer.
		 */
		private Duration timeout = Duration.ofSeconds(5);

		/**
		 * Most events waiting for delivery; beyond it new events are dropped and logged.
		 */
		private int queueCapacity = 1000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<Integer> getThresholds() {
			return this.thresholds;
		}

		public void setThresholds(List<Integer> thresholds) {
			this.thresholds = thresholds;
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

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

	}

	/**
	 * Settings of one tenant.
	 */
	public static class Tenant {

		/**
		 * Plan of the API keys made for the tenant, such as basic or pro; the "default"
		 * rate-limit plan applies when unset.
		 */
		private @Nullable String plan;

		/**
		 * URL quota events are POSTed to; none are sent when unset.
		 */
		private @Nullable URI webhookUrl;

		/**
		 * Secret the events are signed with (HMAC-SHA-256). Keep it out of source
		 * control.
		 */
		private @Nullable String webhookSecret;

		public @Nullable String getPlan() {
			return this.plan;
		}

		public void setPlan(@Nullable String plan) {
			this.plan = plan;
		}

		public @Nullable URI getWebhookUrl() {
			return this.webhookUrl;
		}

		public void setWebhookUrl(@Nullable URI webhookUrl) {
			this.webhookUrl = webhookUrl;
		}

		public @Nullable String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(@Nullable String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

	}

}
