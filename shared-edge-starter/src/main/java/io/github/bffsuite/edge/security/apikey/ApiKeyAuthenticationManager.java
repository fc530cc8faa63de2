package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;

/**
 * Authenticates an {@link ApiKeyAuthenticationToken}: the presented key is hashed, looked
 * up by hash, compared in constant time, and refused when unknown, revoked or expired.
 */
public class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	private final ApiKeyStore store;

	private final ApiKeyHasher hasher;

	private final Clock clock;

	public ApiKeyAuthenticationManager(ApiKeyStore store, ApiKeyHasher hasher, Clock clock) {
		this.store = store;
		this.hasher = hasher;
		this.clock = clock;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String key = (String) authentication.getCredentials();
		String hash = this.hasher.hash(key);
		return this.store.findByHash(hash)
			.filter((record) -> ApiKeyHasher.matches(record.hash(), hash))
			.switchIfEmpty(Mono.error(() -> new InvalidApiKeyException("The API key is not valid")))
			.map(this::check);
	}

	private Authentication check(ApiKeyRecord record) {
		if (record.revoked()) {
			throw new InvalidApiKeyException("The API key has been revoked");
		}
		if (record.expiresAt() != null && !record.expiresAt().isAfter(this.clock.instant())) {
			throw new InvalidApiKeyException("The API key has expired");
		}
		return new EdgeAuthentication(new EdgePrincipal(EdgePrincipal.Kind.API_KEY, null, record.tenant(), record.id(),
				record.scopes(), Set.of(), record.plan()));
	}

	/**
	 * An API key that is unknown, revoked or expired.
	 */
	public static class InvalidApiKeyException extends BadCredentialsException {

		public InvalidApiKeyException(String message) {
			super(message);
		}

	}

}
