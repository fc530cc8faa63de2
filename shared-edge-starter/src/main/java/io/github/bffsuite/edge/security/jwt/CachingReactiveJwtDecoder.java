package io.github.bffsuite.edge.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
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

	private final Cache<String, Validated> tokens;

	private final Duration clockSkew;

	private final Clock clock;

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
		this.clockSkew = clockSkew;
		this.clock = clock;
		this.tokens = Caffeine.newBuilder()
			.maximumSize(maxSize)
			.expireAfter(new UntilExpiry(ttl.toNanos(), clockSkew, clock))
			// maintenance on the calling thread: every few hits Caffeine drains its read
			// buffer, and on its default executor that is a task handed to the common
			// pool,
			// which wakes a thread for a few map operations
			.executor(Runnable::run)
			.recordStats()
			.build();
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Validated cached = this.tokens.getIfPresent(token);
		if (cached != null) {
			return Mono.just(cached.jwt());
		}
		return this.delegate.decode(token).doOnNext((jwt) -> this.tokens.put(token, new Validated(jwt)));
	}

	/**
	 * Return a token this decoder validated before, if it is still valid now: its
	 * {@code exp} and {@code nbf} are checked again against the clock, with the same
	 * skew, on every call, whatever the cache's own expiry.
	 * @param token the compact token
	 * @return the validated token, or {@code null} when it is not cached or no longer
	 * valid (decode it to find out why)
	 */
	public @Nullable Validated validated(String token) {
		Validated cached = this.tokens.getIfPresent(token);
		if (cached == null) {
			return null;
		}
		Instant now = this.clock.instant();
		Instant expiresAt = cached.jwt().getExpiresAt();
		if (expiresAt != null && !now.isBefore(expiresAt.plus(this.clockSkew))) {
			return null;
		}
		Instant notBefore = cached.jwt().getNotBefore();
		if (notBefore != null && now.isBefore(notBefore.minus(this.clockSkew))) {
			return null;
		}
		return cached;
	}

	/**
	 * Return the cache, for metrics.
	 * @return the cache of validated tokens
	 */
	public Cache<String, ?> cache() {
		return this.tokens;
	}

	/**
	 * A validated token, and what the edge made of it.
	 */
	public static final class Validated {

		private final Jwt jwt;

		private volatile @Nullable Object authentication;

		Validated(Jwt jwt) {
			this.jwt = jwt;
		}

		/**
		 * Return the token.
		 * @return the validated token
		 */
		public Jwt jwt() {
			return this.jwt;
		}

		/**
		 * Return what was made of the token the first time, or make it.
		 * @param <T> its type
		 * @param type its type
		 * @param conversion makes it
		 * @return what the token converts to, {@code null} when it converts to nothing
		 */
		public <T> @Nullable T converted(Class<T> type, Function<Jwt, @Nullable T> conversion) {
			Object current = this.authentication;
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			T made = conversion.apply(this.jwt);
			this.authentication = made;
			return made;
		}

	}

	private static final class UntilExpiry implements Expiry<String, Validated> {

		private final long ttlNanos;

		private final Duration clockSkew;

		private final Clock clock;

		UntilExpiry(long ttlNanos, Duration clockSkew, Clock clock) {
			this.ttlNanos = ttlNanos;
			this.clockSkew = clockSkew;
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String key, Validated validated, long currentTime) {
			Instant expiresAt = validated.jwt().getExpiresAt();
			if (expiresAt == null) {
				return this.ttlNanos;
			}
			long left = Duration.between(this.clock.instant(), expiresAt.plus(this.clockSkew)).toNanos();
			return Math.max(0, Math.min(this.ttlNanos, left));
		}

		@Override
		public long expireAfterUpdate(String key, Validated validated, long currentTime, long currentDuration) {
			return expireAfterCreate(key, validated, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Validated validated, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
