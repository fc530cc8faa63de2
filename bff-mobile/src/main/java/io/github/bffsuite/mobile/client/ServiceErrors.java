package io.github.bffsuite.mobile.client;

import java.util.function.Function;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Turns a downstream's error answer to a call a screen cannot do without into the problem
 * the app sees: a 4xx keeps its status (another tenant's order stays a 404), a 5xx
 * becomes a 502. Failures of the call itself (timeouts, open circuits) are already
 * problems.
 */
public final class ServiceErrors {

	private ServiceErrors() {
	}

	/**
	 * Return a mapping of failures for use with {@code onErrorMap}.
	 * @param what what was asked for, such as {@code Order o-00042}
	 * @return the mapping
	 */
	public static Function<Throwable, Throwable> about(String what) {
		return (ex) -> {
			if (!(ex instanceof WebClientResponseException response)) {
				return ex;
			}
			HttpStatusCode status = response.getStatusCode();
			if (status.value() == 404) {
				return EdgeProblems.exception(status, "not-found", what + " was not found");
			}
			if (status.is4xxClientError()) {
				String detail = detail(response);
				return EdgeProblems.exception(status, EdgeProblems.slug(status),
						(detail != null) ? detail : what + " was rejected");
			}
			return EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway", what + " could not be loaded");
		};
	}

	private static @Nullable String detail(WebClientResponseException response) {
		try {
			ProblemDetail problem = response.getResponseBodyAs(ProblemDetail.class);
			String detail = (problem != null) ? problem.getDetail() : null;
			return (detail != null && detail.length() <= 300) ? detail : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
