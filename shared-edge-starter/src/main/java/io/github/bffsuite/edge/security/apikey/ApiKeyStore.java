package io.github.bffsuite.edge.security.apikey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holds API keys by hash: the lookup every authenticated request makes, and the write
 * side key administration uses. The in-memory and Redis stores behave the same way.
 */
public interface ApiKeyStore {

	/**
	 * Find the record of a key hash.
	 * @param hash the hex hash of the presented key
	 * @return the record, or empty when the key is unknown
	 */
	Mono<ApiKeyRecord> findByHash(String hash);

	/**
	 * Look a key up without a publisher and without I/O, for the fused fast path: what
	 * the store holds in memory (its cache, or its records if it keeps them all there).
	 * @param hash the hex hash of the presented key
	 * @return the record, or {@code null} when the store cannot say without I/O (or the
	 * key is unknown)
	 */
	default @Nullable ApiKeyRecord findInMemory(String hash) {
		return null;
	}

	/**
	 * Add or replace a key.
	 * @param record the record
	 * @return completion
	 */
	default Mono<Void> save(ApiKeyRecord record) {
		return Mono.error(new UnsupportedOperationException(getClass().getName() + " is read-only"));
	}

	/**
	 * Revoke a key: it is refused from then on (on every instance within the store's
	 * cache time).
	 * @param hash the key hash
	 * @return whether a key was revoked
	 */
	default Mono<Boolean> revoke(String hash) {
		return Mono.error(new UnsupportedOperationException(getClass().getName() + " is read-only"));
	}

	/**
	 * Return every key of a tenant, revoked and expired ones included.
	 * @param tenant the tenant
	 * @return the records
	 */
	default Flux<ApiKeyRecord> findByTenant(String tenant) {
		return Flux.error(new UnsupportedOperationException(getClass().getName() + " cannot list keys"));
	}

	/**
	 * Record that a key was accepted.
	 * @param hash the key hash
	 * @param at when
	 * @return completion
	 */
	default Mono<Void> touch(String hash, Instant at) {
		return Mono.empty();
	}

}
