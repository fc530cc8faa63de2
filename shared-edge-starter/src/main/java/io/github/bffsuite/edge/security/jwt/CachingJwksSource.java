package io.github.bffsuite.edge.security.jwt;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * JWKS of an issuer, cached and refreshed with care: keys are used for a TTL and then
 * refreshed in the background; a token with an unknown key id causes at most one fetch at
 * a time and none within a cooldown of the previous one, so a flood of random key ids
 * cannot hammer the issuer; when the issuer is down, cached keys keep working and unknown
 * keys fail closed.
 */
public class CachingJwksSource implements Function<SignedJWT, Flux<JWK>> {

	private static final Log logger = LogFactory.getLog(CachingJwksSource.class);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	private final @Nullable String issuerUri;

	private final AtomicReference<@Nullable String> jwkSetUri;

	private final Duration ttl;

	private final Duration cooldown;

	private final Duration timeout;

	private final Clock clock;

	private final AtomicReference<@Nullable Snapshot> snapshot = new AtomicReference<>();

	private final AtomicReference<@Nullable Mono<JWKSet>> inFlight = new AtomicReference<>();

	private volatile Instant lastFetch = Instant.MIN;

	/**
	 * Create a source.
	 * @param webClient client used for the issuer's endpoints
	 * @param issuerUri issuer, used to discover the JWKS endpoint when none is given
	 * @param jwkSetUri JWKS endpoint, or {@code null} to discover it
	 * @param ttl how long fetched keys are used before a background refresh
	 * @param cooldown shortest time between two fetches caused by unknown key ids
	 * @param timeout timeout of a fetch
	 * @param clock clock
	 */
	public CachingJwksSource(WebClient webClient, @Nullable String issuerUri, @Nullable String jwkSetUri, Duration ttl,
			Duration cooldown, Duration timeout, Clock clock) {
		Assert.isTrue(issuerUri != null || jwkSetUri != null, "An issuer URI or a JWK set URI is required");
		this.webClient = webClient;
		this.issuerUri = issuerUri;
		this.jwkSetUri = new AtomicReference<>(jwkSetUri);
		this.ttl = ttl;
		this.cooldown = cooldown;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public Flux<JWK> apply(SignedJWT jwt) {
		JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
		Snapshot current = this.snapshot.get();
		Instant now = this.clock.instant();
		if (current != null) {
			List<JWK> matches = selector.select(current.keys());
			if (current.fetchedAt().plus(this.ttl).isBefore(now)) {
				refreshIfAllowed(now).subscribe();
			}
			if (!matches.isEmpty()) {
				return Flux.fromIterable(matches);
			}
		}
		return refreshIfAllowed(now).flatMapIterable(selector::select);
	}

	private Mono<JWKSet> refreshIfAllowed(Instant now) {
		Mono<JWKSet> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		if (this.lastFetch.plus(this.cooldown).isAfter(now)) {
			// Unknown key within the cooldown: fail closed rather than fetch again
			return Mono.empty();
		}
		Mono<JWKSet> fetch = fetch().doOnNext((keys) -> this.snapshot.set(new Snapshot(keys, this.clock.instant())))
			.onErrorResume((ex) -> {
				logger.warn("JWKS fetch failed, keeping " + describeCached() + ": " + ex.getMessage());
				return Mono.empty();
			})
			.doFinally((signal) -> this.inFlight.set(null))
			.cache();
		if (!this.inFlight.compareAndSet(null, fetch)) {
			Mono<JWKSet> other = this.inFlight.get();
			return (other != null) ? other : Mono.empty();
		}
		this.lastFetch = now;
		return fetch;
	}

	private String describeCached() {
		Snapshot current = this.snapshot.get();
		return (current != null) ? current.keys().getKeys().size() + " cached key(s)" : "no cached keys";
	}

	private Mono<JWKSet> fetch() {
		return resolveJwkSetUri().flatMap((uri) -> this.webClient.get()
			.uri(uri)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(this.timeout)
			.map(CachingJwksSource::parse));
	}

	private Mono<String> resolveJwkSetUri() {
		String known = this.jwkSetUri.get();
		if (known != null) {
			return Mono.just(known);
		}
		String discovery = this.issuerUri + "/.well-known/openid-configuration";
		return this.webClient.get()
			.uri(discovery)
			.retrieve()
			.bodyToMono(JSON_OBJECT)
			.timeout(this.timeout)
			.map((metadata) -> {
				Object uri = metadata.get("jwks_uri");
				if (!(uri instanceof String value)) {
					throw new IllegalStateException("No jwks_uri in " + discovery);
				}
				this.jwkSetUri.compareAndSet(null, value);
				return value;
			});
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body).toPublicJWKSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Malformed JWKS: " + ex.getMessage(), ex);
		}
	}

	private record Snapshot(JWKSet keys, Instant fetchedAt) {

	}

}
