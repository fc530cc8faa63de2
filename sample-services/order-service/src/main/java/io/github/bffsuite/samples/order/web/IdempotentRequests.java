package io.github.bffsuite.samples.order.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;

import io.github.bffsuite.samples.support.Problems;

/**
 * Runs a request at most once per idempotency key and hands its result to every request
 * that repeats the key, concurrent ones included. A key reused with another request body
 * is a 422 problem ({@code .../idempotency-key-reused}). Failed attempts are forgotten,
 * so a client may retry them with the same key. Keys are kept in memory for the life of
 * the process (a sample service).
 */
public class IdempotentRequests {

	private final ConcurrentMap<Key, Attempt> attempts = new ConcurrentHashMap<>();

	/**
	 * Run the action unless the key was used before, then return the first result.
	 * @param <T> the result type
	 * @param key the scoped key
	 * @param fingerprint what identifies the request body (compared with {@code equals})
	 * @param action the action to run at most once
	 * @return the result, and whether it replays an earlier one
	 */
	public <T> Mono<Outcome<T>> execute(Key key, Object fingerprint, Supplier<Mono<T>> action) {
		return Mono.defer(() -> {
			Attempt fresh = new Attempt(fingerprint);
			Attempt existing = this.attempts.putIfAbsent(key, fresh);
			if (existing == null) {
				action.get()
					.switchIfEmpty(Mono.error(() -> new IllegalStateException("Idempotent action had no result")))
					.subscribe(fresh.result::tryEmitValue, (ex) -> forget(key, fresh, ex));
				return fresh.<T>result().map((value) -> new Outcome<>(value, false));
			}
			if (!existing.fingerprint.equals(fingerprint)) {
				return Mono.error(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
						"Idempotency key reused",
						"This Idempotency-Key was already used with a different request body"));
			}
			return existing.<T>result().map((value) -> new Outcome<>(value, true));
		});
	}

	private void forget(Key key, Attempt attempt, Throwable ex) {
		this.attempts.remove(key, attempt);
		attempt.result.tryEmitError(ex);
	}

	/**
	 * An idempotency key in its scope.
	 *
	 * @param tenantId the tenant of the caller
	 * @param userId the user of the caller
	 * @param value the {@code Idempotency-Key} header
	 */
	public record Key(String tenantId, String userId, String value) {

	}

	/**
	 * What a request got.
	 *
	 * @param <T> the result type
	 * @param value the result of the first request with the key
	 * @param replayed whether this request repeated an earlier one
	 */
	public record Outcome<T>(T value, boolean replayed) {

	}

	private static final class Attempt {

		private final Object fingerprint;

		// Subscribed once, independently of the client, so a disconnect cannot abort it
		private final Sinks.One<Object> result = Sinks.one();

		Attempt(Object fingerprint) {
			this.fingerprint = fingerprint;
		}

		@SuppressWarnings("unchecked")
		<T> Mono<T> result() {
			return (Mono<T>) this.result.asMono();
		}

	}

}
