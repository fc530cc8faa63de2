package io.github.bffsuite.edge.graphql.persisted;

import reactor.core.publisher.Mono;

/**
 * Keeps documents that clients registered under the SHA-256 hash of their text.
 */
public interface PersistedQueryStore {

	/**
	 * Return a registered document.
	 * @param hash the lower-case hex SHA-256 hash
	 * @return the document, empty when unknown
	 */
	Mono<String> get(String hash);

	/**
	 * Register a document.
	 * @param hash the lower-case hex SHA-256 hash of the document
	 * @param document the document
	 * @return completion
	 */
	Mono<Void> put(String hash, String document);

}
