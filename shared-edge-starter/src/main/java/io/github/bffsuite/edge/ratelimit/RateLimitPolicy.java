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
 * @param capacity the bucket size, the largest burst
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
		if (capacity < 1 || refillTokens < 1 || refillPeriod.toMillis() < 1) {
			throw new IllegalArgumentException(
					"Rate limit policy '" + name + "' needs a capacity, refill-tokens and refill-period of at least 1");
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
			.concat(Stream.of(bucket),
					this.quotas.stream().map((quota) -> quota.limit() + ";w=" + seconds(quota.window())))
			.collect(Collectors.joining(", "));
	}

	private static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
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
