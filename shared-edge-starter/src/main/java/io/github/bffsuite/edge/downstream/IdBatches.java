package io.github.bffsuite.edge.downstream;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.util.Assert;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Looks ids up in batches no larger than a service takes: the distinct ids are split into
 * batches of at most the service's maximum, the batches run in parallel, and the results
 * keep the order of the ids. Every id is asked for; none is dropped because a list was
 * long.
 */
public final class IdBatches {

	private IdBatches() {
	}

	/**
	 * Split ids into batches, dropping duplicates and keeping the first-seen order.
	 * @param ids the ids
	 * @param max the most ids in one batch
	 * @return the batches, empty for no ids
	 */
	public static List<List<String>> split(Collection<String> ids, int max) {
		Assert.isTrue(max > 0, "max must be positive");
		List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
		List<List<String>> batches = new ArrayList<>();
		for (int start = 0; start < distinct.size(); start += max) {
			batches.add(distinct.subList(start, Math.min(distinct.size(), start + max)));
		}
		return batches;
	}

	/**
	 * Look ids up, one call per batch, all batches at once.
	 * @param <T> the type of what is looked up
	 * @param ids the ids, duplicates allowed
	 * @param max the most ids the service takes in one call
	 * @param call the call for one batch, answering what it found
	 * @param idOf the id of what was found
	 * @return what was found by id, in the order of the ids; unknown ids are absent
	 */
	public static <T> Mono<Map<String, T>> byId(Collection<String> ids, int max,
			Function<List<String>, Mono<? extends Collection<T>>> call, Function<T, String> idOf) {
		List<List<String>> batches = split(ids, max);
		if (batches.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Flux.fromIterable(batches)
			.flatMapSequential(call, batches.size())
			.collect(LinkedHashMap::new,
					(map, found) -> found.forEach((item) -> map.putIfAbsent(idOf.apply(item), item)));
	}

}
