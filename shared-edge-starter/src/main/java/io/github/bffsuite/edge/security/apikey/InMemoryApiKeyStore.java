package io.github.bffsuite.edge.security.apikey;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

/**
 * API keys held in memory, from configuration: the embedded default for a single
 * instance.
 */
public class InMemoryApiKeyStore implements ApiKeyStore {

	private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();

	/**
	 * Add or replace a key.
	 * @param record the record
	 */
	public void save(ApiKeyRecord record) {
		this.byHash.put(record.hash(), record);
	}

	@Override
	public Mono<ApiKeyRecord> findByHash(String hash) {
		return Mono.justOrEmpty(this.byHash.get(hash));
	}

}
