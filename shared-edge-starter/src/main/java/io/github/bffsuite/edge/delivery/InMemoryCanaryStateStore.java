package io.github.bffsuite.edge.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Canary states of this instance only.
 */
public class InMemoryCanaryStateStore implements CanaryStateStore {

	private final Map<String, CanaryState> states = new ConcurrentHashMap<>();

	private final Sinks.Many<CanaryState> changes = Sinks.many().multicast().directBestEffort();

	@Override
	public Mono<CanaryState> initialise(CanaryState initial) {
		return Mono.fromSupplier(() -> this.states.computeIfAbsent(initial.route(), (route) -> initial));
	}

	@Override
	public Mono<CanaryState> get(String route) {
		return Mono.justOrEmpty(this.states.get(route));
	}

	@Override
	public Mono<Boolean> compareAndSet(CanaryState next) {
		return Mono.fromSupplier(() -> {
			boolean[] stored = new boolean[1];
			this.states.compute(next.route(), (route, current) -> {
				long revision = (current != null) ? current.revision() : 0;
				stored[0] = revision + 1 == next.revision();
				return stored[0] ? next : current;
			});
			if (stored[0]) {
				this.changes.tryEmitNext(next);
			}
			return stored[0];
		});
	}

	@Override
	public Flux<CanaryState> changes() {
		return this.changes.asFlux();
	}

}
