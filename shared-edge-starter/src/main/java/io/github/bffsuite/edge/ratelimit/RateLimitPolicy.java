package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A validated rate limit policy: a token bucket that holds {@code capacity} tokens and
 * gains {@code refillTokens} every {@code refillPeriod}, plus fixed quota windows, all
 * counted per key.
 *
 * @param name the policy name
 * @param capacity the bucket size, the largest burst; 0 for no bucket (quotas only)
 * @param refillTokens the tokens added per refill period
 * @param refillPeriod the refill period
 * @param quotas the quota windows
 * @param key what the policy counts per
 * @param onRedisFailure what happens while Redis cannot be reached
 * @param cost the default cost of a request
 */
public record RateLimitPolicy(String name, long capacity, long refillTokens, Duration refillPeriod, List<Quota> quotas,
		Set<RateLimitKey> key, RedisFailureMode onRedisFailure, long cost) {

	public RateLimitPolicy {
		if (name.isEmpty() || !name.chars().allMatch((c) -> c >= 0x20 && c <= 0x7e)) {
			// RFC 9651 sf-string: the draft-10 headers name each policy with one
			throw new IllegalArgumentException("Rate limit policy '" + name
					+ "' needs a name of printable ASCII characters (space to ~), as the RateLimit headers carry it");
		}
		if (capacity < 0 || refillTokens < 1 || refillPeriod.toMillis() < 1) {
			throw new IllegalArgumentException(
					"Rate limit policy '" + name + "' needs refill-tokens and refill-period of at least 1");
		}
		if (capacity == 0 && quotas.isEmpty()) {
			throw new IllegalArgumentException("Rate limit policy '" + name
					+ "' needs a capacity of at least 1, or quotas when its capacity is 0 (no bucket)");
		}
		if (key.isEmpty()) {
			throw new IllegalArgumentException("Rate limit policy '" + name + "' needs a key");
		}
		if (cost < 1) {
			throw new IllegalArgumentException("Rate limit policy '" + name + "' needs a cost of at least 1");
		}
		quotas = List.copyOf(quotas);
		key = Set.copyOf(key);
	}

	/**
	 * Return the policy in the {@code RateLimit-Policy} header syntax, such as
	 * {@code 20;w=1, 10000;w=86400}; a bucket whose burst differs from its refill adds a
	 * {@code burst} parameter.
	 * @return the header value
	 */
	public String describe() {
		String bucket = this.refillTokens + ";w=" + seconds(this.refillPeriod)
				+ ((this.capacity != this.refillTokens) ? ";burst=" + this.capacity : "");
		return Stream
			.concat((this.capacity > 0) ? Stream.of(bucket) : Stream.empty(),
					this.quotas.stream().map((quota) -> quota.limit() + ";w=" + seconds(quota.window())))
			.collect(Collectors.joining(", "));
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	/**
	 * Return the policy as a {@code RateLimit-Policy} list item of the IETF httpapi draft
	 * -10 syntax, such as {@code "daily";q=10000;w=86400}: its first quota when it has no
	 * bucket, else its bucket (capacity tokens, refilled in w seconds).
	 * @return the item
	 */
	public String describeItem() {
		if (this.capacity == 0) {
			Quota quota = this.quotas.get(0);
			return sfString(this.name) + ";q=" + quota.limit() + ";w=" + seconds(quota.window());
		}
		long refillMillis = (long) Math.ceil((double) this.capacity * this.refillPeriod.toMillis() / this.refillTokens);
		return sfString(this.name) + ";q=" + this.capacity + ";w=" + seconds(Duration.ofMillis(refillMillis));
	}

	/**
	 * Serialize a policy name as an RFC 9651 sf-string: quoted, with {@code "} and
	 * {@code \} escaped (the constructor allows only printable ASCII).
	 * @param name the name
	 * @return the sf-string, such as {@code "pro-burst"}
	 */
	static String sfString(String name) {
		return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * A fixed window quota, aligned to the epoch.
	 *
	 * @param limit the tokens allowed per window
	 * @param window the window length
	 */
	public record Quota(long limit, Duration window) {

		public Quota {
			if (limit < 1 || window.toMillis() < 1) {
				throw new IllegalArgumentException("A quota needs a limit and a window of at least 1");
			}
		}

	}

}
