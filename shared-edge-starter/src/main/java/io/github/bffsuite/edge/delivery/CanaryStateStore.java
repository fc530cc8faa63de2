package io.github.bffsuite.edge.delivery;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where canary states live: this instance's memory, or Redis for every instance.
 */
public interface CanaryStateStore {

	/**
	 * Store a state unless one is stored for its route already.
	 * @param initial the state to store
	 * @return the stored state, the given one or the one found
	 */
	Mono<CanaryState> initialise(CanaryState initial);

	/**
	 * Return the stored state of a route.
	 * @param route the route id
	 * @return the state, or empty when none is stored
	 */
	Mono<CanaryState> get(String route);

	/**
	 * Store a state if the stored one still has the revision before it.
	 * @param next the new state, one revision after the expected one
	 * @return whether it was stored
	 */
	Mono<Boolean> compareAndSet(CanaryState next);

	/**
	 * Return the states stored by any instance, as they change.
	 * @return the changes
	 */
	Flux<CanaryState> changes();

}
