package io.github.bffsuite.edge.idempotency;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Keeps idempotency keys: who holds a key, the fingerprint of the request that took it,
 * and the response once there is one. Every operation is atomic per key, across all
 * instances that share the store.
 */
public interface IdempotencyStore {

	/**
	 * Take a key for a request, or find out why it cannot be taken.
	 * @param key the scoped key
	 * @param fingerprint the fingerprint of the request
	 * @param lockTimeout how long the key stays taken without a response
	 * @return the outcome
	 */
	Mono<Reservation> reserve(String key, String fingerprint, Duration lockTimeout);

	/**
	 * Keep the response of the request that holds a key.
	 * @param key the scoped key
	 * @param fingerprint the fingerprint of the request
	 * @param response the response
	 * @param ttl how long the response is replayed
	 * @return completion
	 */
	Mono<Void> complete(String key, String fingerprint, StoredResponse response, Duration ttl);

	/**
	 * Give a key back so that a retry runs again.
	 * @param key the scoped key
	 * @return completion
	 */
	Mono<Void> release(String key);

	/**
	 * The outcome of {@link #reserve}.
	 *
	 * @param state what the key is doing
	 * @param response the kept response, when {@link State#COMPLETED}
	 */
	record Reservation(State state, @Nullable StoredResponse response) {

		static final Reservation ACQUIRED = new Reservation(State.ACQUIRED, null);

		static final Reservation IN_FLIGHT = new Reservation(State.IN_FLIGHT, null);

		static final Reservation MISMATCH = new Reservation(State.MISMATCH, null);

		static Reservation completed(StoredResponse response) {
			return new Reservation(State.COMPLETED, response);
		}

	}

	/**
	 * What a key is doing.
	 */
	enum State {

		/** The key was free and is now held by this request. */
		ACQUIRED,

		/** Another request with the same key and payload is still running. */
		IN_FLIGHT,

		/** The key was used with a different payload. */
		MISMATCH,

		/** The key's request has completed and its response is kept. */
		COMPLETED

	}

}
