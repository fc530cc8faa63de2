package io.github.bffsuite.edge.downstream.cache;

import java.time.Clock;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;

import org.springframework.util.ClassUtils;

/**
 * Makes the store of each downstream whose response cache is enabled.
 */
@FunctionalInterface
public interface ResponseCacheStores {

	/**
	 * Return the store of a downstream's response cache.
	 * @param downstream the downstream name
	 * @param cache its cache settings
	 * @param metrics its cache metrics, for evictions
	 * @return the store
	 */
	ResponseCacheStore create(String downstream, EdgeDownstreamProperties.Cache cache, ResponseCacheMetrics metrics);

	/**
	 * Return stores in this instance's memory; a cache configured for Redis fails, for it
	 * would silently stop being shared.
	 * @param clock the clock of entry expiry
	 * @return the stores
	 */
	static ResponseCacheStores memory(Clock clock) {
		return (downstream, cache, metrics) -> {
			if (cache.getStore() != EdgeDownstreamProperties.CacheStore.MEMORY) {
				throw new IllegalStateException("edge.downstream.services." + downstream
						+ ".cache.store=redis needs Spring Data Redis and a ReactiveStringRedisTemplate");
			}
			if (!ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine",
					ResponseCacheStores.class.getClassLoader())) {
				throw new IllegalStateException("edge.downstream.services." + downstream
						+ ".cache.store=memory needs Caffeine on the class path");
			}
			return new InMemoryResponseCacheStore(cache.getMaxEntries(), cache.getMaxSize().toBytes(), clock, metrics);
		};
	}

}
