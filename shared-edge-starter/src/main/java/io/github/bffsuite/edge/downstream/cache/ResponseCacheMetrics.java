package io.github.bffsuite.edge.downstream.cache;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of one downstream's response cache: {@code edge.downstream.cache.requests} by
 * result and {@code edge.downstream.cache.evictions}, tagged with the downstream.
 */
public final class ResponseCacheMetrics {

	private final Map<Result, Counter> requests = new EnumMap<>(Result.class);

	private final Counter evictions;

	private final MeterRegistry meters;

	private final String downstream;

	public ResponseCacheMetrics(MeterRegistry meters, String downstream) {
		this.meters = meters;
		this.downstream = downstream;
		for (Result result : Result.values()) {
			this.requests.put(result,
					Counter.builder("edge.downstream.cache.requests")
						.description("GET calls to a downstream seen by its response cache, by result")
						.tag("downstream", downstream)
						.tag("result", result.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
		this.evictions = Counter.builder("edge.downstream.cache.evictions")
			.description("Answers dropped from a downstream's response cache to stay within its bounds")
			.tag("downstream", downstream)
			.register(meters);
	}

	void record(Result result) {
		this.requests.get(result).increment();
	}

	void evicted() {
		this.evictions.increment();
	}

	/**
	 * Publish the size of a store that knows it, as {@code edge.downstream.cache.entries}
	 * and {@code edge.downstream.cache.size} (bytes).
	 * @param store the store
	 * @param entries its number of entries
	 * @param bytes its weight in bytes
	 * @param <S> the store type
	 */
	<S> void size(S store, ToDoubleFunction<S> entries, ToDoubleFunction<S> bytes) {
		Gauge.builder("edge.downstream.cache.entries", store, entries)
			.description("Entries in a downstream's response cache, specs of resources included")
			.tag("downstream", this.downstream)
			.register(this.meters);
		Gauge.builder("edge.downstream.cache.size", store, bytes)
			.description("Bytes kept by a downstream's response cache, as it weighs them")
			.tag("downstream", this.downstream)
			.baseUnit("bytes")
			.register(this.meters);
	}

	/**
	 * What the cache did with a GET call.
	 */
	enum Result {

		/** Served from a fresh entry. */
		HIT,

		/** Sent to the service: no usable entry. */
		MISS,

		/** A stale entry the service confirmed with 304 Not Modified. */
		REVALIDATED,

		/** Answered by a call already in flight for the same key. */
		COALESCED,

		/**
		 * Not cacheable (conditional, streaming or per-user call without a principal).
		 */
		BYPASS

	}

}
