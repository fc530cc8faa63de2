package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache in memory (Caffeine).
 */
class DownstreamResponseCacheMemoryTests extends DownstreamResponseCacheContract {

	@Override
	ResponseCacheStores stores() {
		return ResponseCacheStores.memory(this.clock);
	}

	@Test
	void staysWithinItsEntryBoundAndCountsEvictions() {
		ResponseCacheMetrics metrics = new ResponseCacheMetrics(this.meters, "bounded");
		InMemoryResponseCacheStore store = new InMemoryResponseCacheStore(10, 10 * 1024, this.clock, metrics);
		for (int i = 0; i < 50; i++) {
			CachedResponse response = new CachedResponse(200, Map.of(), new byte[100], 0, 1, null);
			store.save("r" + i, new VarySpec(false, List.of()), "v" + i, response, Duration.ofMinutes(1)).block();
		}
		assertThat(store.estimatedSize()).isLessThanOrEqualTo(10);
		assertThat(this.meters.get("edge.downstream.cache.entries").tag("downstream", "bounded").gauge().value())
			.isLessThanOrEqualTo(10);
		assertThat(this.meters.get("edge.downstream.cache.size").tag("downstream", "bounded").gauge().value())
			.isPositive()
			.isLessThanOrEqualTo(10 * 1024);
		assertThat(this.meters.get("edge.downstream.cache.evictions").tag("downstream", "bounded").counter().count())
			.isGreaterThan(0);
	}

}
