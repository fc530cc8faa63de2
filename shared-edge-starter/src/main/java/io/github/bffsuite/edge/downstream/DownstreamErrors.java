package io.github.bffsuite.edge.downstream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The error policy of downstream calls, shared by every gateway: a 4xx becomes a
 * {@link DownstreamRejectedException} that keeps the status and the problem's
 * {@code detail}; a 5xx becomes a {@link DownstreamException} that shows nothing of the
 * body, like the timeouts, open circuits and gateway errors the downstream's policies
 * already raise.
 */
public final class DownstreamErrors {

	/** Longest downstream detail passed on; a longer one is not a message for clients. */
	static final int MAX_DETAIL_LENGTH = 300;

	private DownstreamErrors() {
	}

	/**
	 * Return a client that applies the policy to every error status of a downstream.
	 * @param downstream the downstream name
	 * @param client the downstream's client
	 * @return a client with the same connector, filters and policies
	 */
	public static WebClient applyTo(String downstream, WebClient client) {
		return client.mutate()
			.defaultStatusHandler(HttpStatusCode::isError, (response) -> exception(downstream, response))
			.build();
	}

	/**
	 * Turn an error answer into the exception of the policy; the body is consumed.
	 * @param downstream the downstream name
	 * @param response the answer, with an error status
	 * @return the exception
	 */
	public static Mono<? extends Throwable> exception(String downstream, ClientResponse response) {
		HttpStatusCode status = response.statusCode();
		if (!status.is4xxClientError()) {
			return response.releaseBody().thenReturn(DownstreamException.serverError(downstream, status.value()));
		}
		return response.bodyToMono(ProblemDetail.class)
			.<DownstreamRejectedException>map(
					(problem) -> new DownstreamRejectedException(downstream, status, usable(problem.getDetail())))
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(new DownstreamRejectedException(downstream, status, null));
	}

	private static @Nullable String usable(@Nullable String detail) {
		return (detail != null && !detail.isBlank() && detail.length() <= MAX_DETAIL_LENGTH) ? detail : null;
	}

}
