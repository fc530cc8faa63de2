package io.github.bffsuite.edge.graphql.persisted;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.publisher.Mono;

/**
 * Keeps registered documents in this instance's memory, the least recently used dropped
 * first.
 */
public class InMemoryPersistedQueryStore implements PersistedQueryStore {

	private final Cache<String, String> documents;

	public InMemoryPersistedQueryStore(long maxEntries, Duration timeToLive) {
		this.documents = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(timeToLive).build();
	}

	@Override
	public Mono<String> get(String hash) {
		return Mono.justOrEmpty(this.documents.getIfPresent(hash));
	}

	@Override
	public Mono<Void> put(String hash, String document) {
		this.documents.put(hash, document);
		return Mono.empty();
	}

}
