package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Where a downstream response cache keeps, under opaque keys, the {@link VarySpec} of
 * each resource and the answers of its variants. Implementations bound what they keep and
 * expire entries after the time they are given; failures of the store are the cache's
 * misses, never the caller's errors.
 */
public interface ResponseCacheStore {

	/**
	 * Return the spec of a resource.
	 * @param resourceKey the key of the resource
	 * @return the spec, or empty when none is kept
	 */
	Mono<VarySpec> findSpec(String resourceKey);

	/**
	 * Return the answer of a variant.
	 * @param variantKey the key of the variant
	 * @return the answer, or empty when none is kept
	 */
	Mono<CachedResponse> find(String variantKey);

	/**
	 * Keep the spec of a resource and the answer of one of its variants.
	 * @param resourceKey the key of the resource
	 * @param spec the spec
	 * @param variantKey the key of the variant
	 * @param response the answer
	 * @param ttl how long both are kept
	 * @return completes when both are kept
	 */
	Mono<Void> save(String resourceKey, VarySpec spec, String variantKey, CachedResponse response, Duration ttl);

}
