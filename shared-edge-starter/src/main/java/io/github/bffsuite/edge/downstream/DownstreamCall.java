package io.github.bffsuite.edge.downstream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;

/**
 * One logical call to a downstream service, which {@link Downstream} may attempt several
 * times: a {@code WebClient} exchange or a gateway route's proxied request.
 *
 * @param <T> the result of an attempt
 */
public interface DownstreamCall<T> {

	/**
	 * Return the HTTP method, for metrics.
	 * @return the method
	 */
	String method();

	/**
	 * Whether the call may be sent again after a failed attempt.
	 * @return whether it is idempotent
	 */
	boolean idempotent();

	/**
	 * Whether the call streams its response (server-sent events) for as long as it lasts:
	 * the response timeout and the slow-call measure do not apply to it.
	 * @return whether it streams
	 */
	default boolean streaming() {
		return false;
	}

	/**
	 * Make one attempt.
	 * @param instance the instance chosen by load balancing, or {@code null} when the
	 * downstream has a single base URL
	 * @param attempt the attempt number, from 1
	 * @return the result
	 */
	Mono<T> attempt(@Nullable ServiceInstance instance, int attempt);

	/**
	 * Return the HTTP status of a result.
	 * @param result the result
	 * @return the status
	 */
	int status(T result);

	/**
	 * Release a result that is not handed to the caller because the call is retried or
	 * fails.
	 * @param result the result
	 * @return completion
	 */
	Mono<Void> discard(T result);

}
