package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdBatches}.
 */
class IdBatchesTests {

	@Test
	void splitsDistinctIdsIntoBatchesOfAtMostTheMaximumInFirstSeenOrder() {
		assertThat(IdBatches.split(List.of("a", "b", "a", "c", "d", "e"), 2)).containsExactly(List.of("a", "b"),
				List.of("c", "d"), List.of("e"));
		assertThat(IdBatches.split(List.of(), 100)).isEmpty();
	}

	@Test
	void asksForEveryIdWhenThereAreMoreThanOneBatchHolds() {
		List<String> ids = ids(250);
		List<List<String>> calls = new ArrayList<>();
		Map<String, String> found = IdBatches.byId(ids, 100, (batch) -> {
			calls.add(batch);
			return Mono.just(batch);
		}, (id) -> id).block();
		assertThat(calls).extracting(List::size).containsExactly(100, 100, 50);
		assertThat(found).hasSize(250);
		assertThat(List.copyOf(found.keySet())).isEqualTo(ids);
	}

	@Test
	void runsBatchesInParallelAndKeepsTheOrderOfTheIds() {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		List<String> ids = ids(30);
		Map<String, String> found = IdBatches.byId(ids, 10, (batch) -> {
			// the first batch answers last
			Duration delay = Duration.ofMillis(batch.contains("id-0") ? 300 : 50);
			return Mono.defer(() -> {
				mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
				return Mono.just(batch).delayElement(delay).doOnNext((answered) -> inFlight.decrementAndGet());
			});
		}, (id) -> id).block(Duration.ofSeconds(5));
		assertThat(mostInFlight).hasValue(3);
		assertThat(List.copyOf(found.keySet())).isEqualTo(ids);
	}

	@Test
	void answersEmptyWithoutACallForNoIds() {
		AtomicInteger calls = new AtomicInteger();
		Map<String, String> found = IdBatches.<String>byId(List.of(), 100, (batch) -> {
			calls.incrementAndGet();
			return Mono.just(batch);
		}, (id) -> id).block();
		assertThat(found).isEmpty();
		assertThat(calls).hasValue(0);
	}

	private static List<String> ids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "id-" + i).toList();
	}

}
