package io.github.bffsuite.partner.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the webhooks partners administer themselves: where they are stored, how
 * long a rotated secret overlaps, which URLs are refused and how a test event is sent.
 */
@ConfigurationProperties("edge.partner.webhooks")
public class WebhookProperties {

	/**
	 * Where webhooks set through the admin API are kept: memory (one instance) or redis
	 * (shared by every instance).
	 */
	private Store store = Store.MEMORY;

	/**
	 * Prefix of the Redis keys of the redis store.
	 */
	private String redisKeyPrefix = "edge:partner:webhook:";

	/**
	 * Longest wait for one Redis command of the redis store.
	 */
	private Duration redisTimeout = Duration.ofSeconds(1);

	/**
	 * Whether a webhook URL may name this machine (localhost, 127.0.0.0/8, ::1). Allowed
	 * for the dev quick start; refuse it wherever partners are not on the gateway's host.
	 */
	private boolean allowLoopback = false;

	/**
	 * How long the replaced secret keeps signing events after a rotation that names no
	 * overlap.
	 */
	private Duration defaultSecretOverlap = Duration.ofHours(24);

	/**
	 * Longest overlap a rotation may ask for.
	 */
	private Duration maxSecretOverlap = Duration.ofDays(7);

	/**
	 * Longest wait for the receiver's answer to a test event.
	 */
	private Duration testTimeout = Duration.ofSeconds(5);

	/**
	 * Most characters of the receiver's answer to a test event shown to the admin.
	 */
	private int testExcerptLength = 200;

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
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

	public boolean isAllowLoopback() {
		return this.allowLoopback;
	}

	public void setAllowLoopback(boolean allowLoopback) {
		this.allowLoopback = allowLoopback;
	}

	public Duration getDefaultSecretOverlap() {
		return this.defaultSecretOverlap;
	}

	public void setDefaultSecretOverlap(Duration defaultSecretOverlap) {
		this.defaultSecretOverlap = defaultSecretOverlap;
	}

	public Duration getMaxSecretOverlap() {
		return this.maxSecretOverlap;
	}

	public void setMaxSecretOverlap(Duration maxSecretOverlap) {
		this.maxSecretOverlap = maxSecretOverlap;
	}

	public Duration getTestTimeout() {
		return this.testTimeout;
	}

	public void setTestTimeout(Duration testTimeout) {
		this.testTimeout = testTimeout;
	}

	public int getTestExcerptLength() {
		return this.testExcerptLength;
	}

	public void setTestExcerptLength(int testExcerptLength) {
		this.testExcerptLength = testExcerptLength;
	}

	/**
	 * Where webhooks are kept.
	 */
	public enum Store {

		/**
		 * In this instance's memory: lost on restart, not shared.
		 */
		MEMORY,

		/**
		 * In Redis, shared by every instance.
		 */
		REDIS

	}

}
