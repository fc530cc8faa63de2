package io.github.bffsuite.edge.security.apikey;

import reactor.core.publisher.Mono;

/**
 * Looks API keys up by hash.
 */
public interface ApiKeyStore {

	/**
	 * Find the record of a key hash.
	 * @param hash the hex hash of the presented key
	 * @return the record, or empty when the key is unknown
	 */
	Mono<ApiKeyRecord> findByHash(String hash);

}
