package io.github.bffsuite.edge.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * A {@link ReactiveJwtDecoder} that remembers tokens it has already validated, so that a
 * client repeating its bearer token is not charged a signature check and claim parsing on
 * every request (the same idea as Envoy's {@code jwt_cache_config}).
 * <p>
 * The key is the whole compact token, signature included: a token that differs in any
 * byte is decoded and validated afresh. Only tokens that passed the delegate (signature,
 * algorithms, issuer, audience, timestamps) are kept. An entry lives until the token
 * expires (its {@code exp} plus the clock skew the validator allows, so a cached token is
 * accepted exactly as long as an uncached one) or for {@code ttl}, whichever comes first;
 * {@code ttl} also bounds how long a token signed with a key the issuer has since
 * withdrawn is still accepted, like the JWKS cache does. The cache holds at most
 * {@code maxSize} tokens.
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder delegate;

	private final Cache<String, Jwt> tokens;

	/**
	 * Create a decoder.
	 * @param delegate the decoder that validates tokens
	 * @param maxSize the most tokens kept
	 * @param ttl the longest time a token is kept
	 * @param clockSkew the clock skew the delegate allows past a token's expiry
	 * @param clock the clock that {@code exp} is compared with
	 */
	public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, long maxSize, Duration ttl, Duration clockSkew,
			Clock clock) {
		Assert.isTrue(maxSize > 0, "maxSize must be positive");
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero(), "ttl must be positive");
		this.delegate = delegate;
		this.tokens = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfter(new UntilExpiry(ttl.toNanos(), clockSkew, clock))
			.recordStats()
			.build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Jwt cached = this.tokens.getIfPresent(token);
		if (cached != null) {
			return Mono.just(cached);
		}
		return this.delegate.decode(token).doOnNext((jwt) -> this.tokens.put(token, jwt));
	}

	/**
	 * Return the cache, for metrics.
	 * @return the cache of validated tokens
	 */
	public Cache<String, Jwt> cache() {
		return this.tokens;
	}

	private static final class UntilExpiry implements Expiry<String, Jwt> {

		private final long ttlNanos;

		private final Duration clockSkew;

		private final Clock clock;

		UntilExpiry(long ttlNanos, Duration clockSkew, Clock clock) {
			this.ttlNanos = ttlNanos;
			this.clockSkew = clockSkew;
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt == null) {
				return this.ttlNanos;
			}
			long left = Duration.between(this.clock.instant(), expiresAt.plus(this.clockSkew)).toNanos();
			return Math.max(0, Math.min(this.ttlNanos, left));
		}

		@Override
		public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(key, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
