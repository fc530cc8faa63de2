package io.github.bffsuite.edge.downstream.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import reactor.core.publisher.Mono;

/**
 * A response cache store in this instance's memory: one Caffeine cache, bounded in bytes
 * and in entries, with a time to live per entry.
 * <p>
 * Caffeine bounds either entries or weight, not both; each entry therefore weighs at
 * least {@code maxBytes / maxEntries}, so that the weight bound also caps the number of
 * entries. Caffeine does the rest (W-TinyLFU eviction, per-entry expiry through
 * {@link Expiry}, the clock as its ticker).
 */
public class InMemoryResponseCacheStore implements ResponseCacheStore {

	private final Cache<String, Stored> cache;

	public InMemoryResponseCacheStore(int maxEntries, long maxBytes, Clock clock, ResponseCacheMetrics metrics) {
		long minWeight = Math.max(1, maxBytes / Math.max(1, maxEntries));
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((String key,
					Stored stored) -> (int) Math.min(Integer.MAX_VALUE,
							Math.max(minWeight, stored.bytes() + key.length())))
			.expireAfter(new Expiry<String, Stored>() {

				@Override
				public long expireAfterCreate(String key, Stored value, long currentTime) {
					return value.ttlNanos();
				}

				@Override
				public long expireAfterUpdate(String key, Stored value, long currentTime, long currentDuration) {
					return value.ttlNanos();
				}

				@Override
				public long expireAfterRead(String key, Stored value, long currentTime, long currentDuration) {
					return currentDuration;
				}

			})
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			// maintenance on the calling thread: no pool hop for a few map operations
			.executor(Runnable::run)
			.evictionListener((String key, Stored value, RemovalCause cause) -> {
				if (cause == RemovalCause.SIZE) {
					metrics.evicted();
				}
			})
			.build();
		metrics.size(this.cache, Cache::estimatedSize,
				(cache) -> cache.policy().eviction().map((eviction) -> eviction.weightedSize().orElse(0)).orElse(0L));
	}

	@Override
	public Mono<VarySpec> findSpec(String resourceKey) {
		return Mono.fromSupplier(() -> this.cache.getIfPresent(resourceKey))
			.mapNotNull((stored) -> (stored.value() instanceof VarySpec spec) ? spec : null);
	}

	@Override
	public Mono<CachedResponse> find(String variantKey) {
		return Mono.fromSupplier(() -> this.cache.getIfPresent(variantKey))
			.mapNotNull((stored) -> (stored.value() instanceof CachedResponse response) ? response : null);
	}

	@Override
	public Mono<Void> save(String resourceKey, VarySpec spec, String variantKey, CachedResponse response,
			Duration ttl) {
		return Mono.fromRunnable(() -> {
			long nanos = ttl.toNanos();
			this.cache.put(resourceKey, new Stored(spec, 64, nanos));
			this.cache.put(variantKey, new Stored(response, response.body().length + 512L, nanos));
		});
	}

	/**
	 * Return an estimate of the number of entries, specs included.
	 * @return the count
	 */
	public long estimatedSize() {
		return this.cache.estimatedSize();
	}

	private record Stored(Object value, long bytes, long ttlNanos) {

	}

}
