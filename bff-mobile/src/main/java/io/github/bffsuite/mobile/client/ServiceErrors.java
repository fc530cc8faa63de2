package io.github.bffsuite.mobile.client;

import java.util.function.Function;

import io.github.bffsuite.edge.downstream.DownstreamErrors;
import io.github.bffsuite.edge.downstream.DownstreamException;
import io.github.bffsuite.edge.downstream.DownstreamRejectedException;
import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Words the shared {@link DownstreamErrors error policy} for a screen that cannot do
 * without a call: a 4xx keeps its status (another tenant's order stays a 404), a server
 * error becomes a 502 that names what could not be loaded. Other failures of the call
 * (timeouts, open circuits) are already problems.
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
			if (ex instanceof DownstreamRejectedException rejected) {
				HttpStatusCode status = rejected.getStatusCode();
				if (rejected.status() == 404) {
					return EdgeProblems.exception(status, "not-found", what + " was not found");
				}
				return EdgeProblems.exception(status, EdgeProblems.slug(status),
						(rejected.detail() != null) ? rejected.detail() : what + " was rejected");
			}
			if (ex instanceof DownstreamException downstream && downstream.isServerError()) {
				return EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway", what + " could not be loaded");
			}
			return ex;
		};
	}

}
