package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Authenticates an {@link ApiKeyAuthenticationToken}: a key that must be checksummed and
 * is not is refused before any lookup; otherwise the key is hashed, looked up by hash,
 * compared in constant time, and refused when unknown, revoked, expired, made for another
 * tenant or used from an address outside its allowlist. Accepted keys are marked used in
 * the store in the background, at most once per touch interval per key and instance.
 */
public class ApiKeyAuthenticationManager implements ReactiveAuthenticationManager {

	private static final Log logger = LogFactory.getLog(ApiKeyAuthenticationManager.class);

	private static final int MAX_TOUCHED = 10_000;

	private final ApiKeyStore store;

	private final ApiKeyHasher hasher;

	private final Clock clock;

	private final boolean requireChecksum;

	private final Duration touchInterval;

	private final Map<String, Instant> touched = new ConcurrentHashMap<>();

	private final Map<String, IpAddressMatcher> matchers = new ConcurrentHashMap<>();

	/**
	 * Create a manager.
	 * @param store the key store
	 * @param hasher the key hasher
	 * @param clock the clock
	 * @param requireChecksum whether keys must be in the {@link ApiKeyFormat checksummed
	 * format}
	 * @param touchInterval shortest time between two last-used updates of a key from this
	 * instance; zero for none
	 */
	public ApiKeyAuthenticationManager(ApiKeyStore store, ApiKeyHasher hasher, Clock clock, boolean requireChecksum,
			Duration touchInterval) {
		this.store = store;
		this.hasher = hasher;
		this.clock = clock;
		this.requireChecksum = requireChecksum;
		this.touchInterval = touchInterval;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		String key = (String) authentication.getCredentials();
		ApiKeyFormat.Parts parts = this.requireChecksum ? ApiKeyFormat.parse(key) : null;
		if (this.requireChecksum && parts == null) {
			return Mono.error(new InvalidApiKeyException("The API key is malformed or mistyped", "malformed"));
		}
		String address = (authentication instanceof ApiKeyAuthenticationToken token) ? token.clientAddress() : null;
		String hash = this.hasher.hash(key);
		return this.store.findByHash(hash)
			.filter((record) -> ApiKeyHasher.matches(record.hash(), hash))
			.switchIfEmpty(Mono.error(() -> new InvalidApiKeyException("The API key is not valid", "unknown")))
			.map((record) -> check(record, parts, address));
	}

	/**
	 * Authenticate a key without a publisher and without I/O, for the fused fast path:
	 * the same checks as {@link #authenticate} (checksum, constant-time hash comparison,
	 * revocation, expiry, tenant, address allowlist) on the record the store holds in
	 * memory.
	 * @param key the presented key
	 * @param address the client address, if known
	 * @return the authentication, or {@code null} when the key is not known valid without
	 * I/O (refused, or not in memory): {@link #authenticate} decides it then
	 */
	public @Nullable Authentication authenticateInMemory(String key, @Nullable String address) {
		ApiKeyFormat.Parts parts = this.requireChecksum ? ApiKeyFormat.parse(key) : null;
		if (this.requireChecksum && parts == null) {
			return null;
		}
		String hash = this.hasher.hash(key);
		ApiKeyRecord record = this.store.findInMemory(hash);
		if (record == null || !ApiKeyHasher.matches(record.hash(), hash)) {
			return null;
		}
		try {
			return check(record, parts, address);
		}
		catch (InvalidApiKeyException ex) {
			return null;
		}
	}

	private Authentication check(ApiKeyRecord record, ApiKeyFormat.@Nullable Parts parts, @Nullable String address) {
		Instant now = this.clock.instant();
		if (record.revoked()) {
			throw new InvalidApiKeyException("The API key has been revoked", "revoked");
		}
		if (record.expiresAt() != null && !record.expiresAt().isAfter(now)) {
			throw new InvalidApiKeyException("The API key has expired", "expired");
		}
		if (parts != null && !parts.tenant().equals(record.tenant())) {
			throw new InvalidApiKeyException("The API key is not valid", "unknown");
		}
		if (!record.allowedIps().isEmpty() && !allowed(record, address)) {
			throw new InvalidApiKeyException("The API key may not be used from this address", "address-not-allowed");
		}
		touch(record, now);
		return new EdgeAuthentication(new EdgePrincipal(EdgePrincipal.Kind.API_KEY, null, record.tenant(),
				record.clientId(), record.scopes(), Set.of(), record.plan()));
	}

	private boolean allowed(ApiKeyRecord record, @Nullable String address) {
		if (address == null) {
			return false;
		}
		for (String range : record.allowedIps()) {
			try {
				if (this.matchers.computeIfAbsent(range, IpAddressMatcher::new).matches(address)) {
					return true;
				}
			}
			catch (IllegalArgumentException ex) {
				// a malformed range or address allows nothing
			}
		}
		return false;
	}

	private void touch(ApiKeyRecord record, Instant now) {
		if (this.touchInterval.isZero() || this.touchInterval.isNegative()) {
			return;
		}
		Instant last = this.touched.get(record.hash());
		if (last != null && last.plus(this.touchInterval).isAfter(now)) {
			return;
		}
		if (this.touched.size() >= MAX_TOUCHED) {
			this.touched.clear();
		}
		this.touched.put(record.hash(), now);
		// never on the request's path: a slow or failing store must not delay it
		this.store.touch(record.hash(), now)
			.subscribe(null, (ex) -> logger.debug("Could not record the use of API key " + record.id(), ex));
	}

	/**
	 * An API key that is malformed, unknown, revoked, expired or used from an address it
	 * does not allow.
	 */
	public static class InvalidApiKeyException extends BadCredentialsException {

		private final String reason;

		/**
		 * Create an exception.
		 * @param message the message, safe to show to the client
		 * @param reason a stable code: {@code malformed}, {@code unknown},
		 * {@code revoked}, {@code expired} or {@code address-not-allowed}
		 */
		public InvalidApiKeyException(String message, String reason) {
			super(message);
			this.reason = reason;
		}

		/**
		 * Return why the key was refused.
		 * @return the reason code
		 */
		public String reason() {
			return this.reason;
		}

	}

}
