package io.github.bffsuite.edge.security.apikey;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * API keys held in memory: the keys from configuration plus those made at runtime, for a
 * single instance.
 */
public class InMemoryApiKeyStore implements ApiKeyStore {

	private final Map<String, ApiKeyRecord> byHash = new ConcurrentHashMap<>();

	/**
	 * Add or replace a key now, for configuration at start-up.
	 * @param record the record
	 */
	public void put(ApiKeyRecord record) {
		this.byHash.put(record.hash(), record);
	}

	@Override
	public Mono<ApiKeyRecord> findByHash(String hash) {
		return Mono.fromSupplier(() -> this.byHash.get(hash));
	}

	@Override
	public @Nullable ApiKeyRecord findInMemory(String hash) {
		return this.byHash.get(hash);
	}

	@Override
	public Mono<Void> save(ApiKeyRecord record) {
		return Mono.fromRunnable(() -> put(record));
	}

	@Override
	public Mono<Boolean> revoke(String hash) {
		return Mono.fromSupplier(() -> this.byHash.computeIfPresent(hash, (key, record) -> record.revoke()) != null);
	}

	@Override
	public Flux<ApiKeyRecord> findByTenant(String tenant) {
		return Flux.defer(() -> Flux.fromStream(this.byHash.values()
			.stream()
			.filter((record) -> record.tenant().equals(tenant))
			.sorted(Comparator.comparing(ApiKeyRecord::id))));
	}

	@Override
	public Mono<Void> touch(String hash, Instant at) {
		return Mono.fromRunnable(() -> this.byHash.computeIfPresent(hash, (key, record) -> record.withLastUsedAt(at)));
	}

}
