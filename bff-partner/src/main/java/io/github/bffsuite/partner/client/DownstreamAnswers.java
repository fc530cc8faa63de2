package io.github.bffsuite.partner.client;

import io.github.bffsuite.edge.downstream.DownstreamErrors;
import io.github.bffsuite.edge.downstream.DownstreamException;
import io.github.bffsuite.edge.downstream.DownstreamRejectedException;
import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Words the shared {@link DownstreamErrors error policy} for partners: a 4xx keeps its
 * status and the downstream's detail (it is about the partner's request, and a 400 is a
 * {@code validation-failed} problem as the partner API documents), a server error is a
 * 502 that names no internals. Other failures of the call (timeouts, open circuits) are
 * already problems.
 */
public final class DownstreamAnswers {

	private DownstreamAnswers() {
	}

	/**
	 * Map the failure of a downstream call to the problem a partner sees, for use with
	 * {@code onErrorMap}.
	 * @param ex the failure
	 * @return the problem, or the failure unchanged
	 */
	public static Throwable problem(Throwable ex) {
		if (ex instanceof DownstreamRejectedException rejected) {
			HttpStatusCode status = rejected.getStatusCode();
			String slug = (status.value() == 400) ? "validation-failed" : EdgeProblems.slug(status);
			return EdgeProblems.exception(status, slug,
					(rejected.detail() != null) ? rejected.detail() : EdgeProblems.title(status));
		}
		if (ex instanceof DownstreamException downstream && downstream.isServerError()) {
			// the detail names the service and its status, never the body
			String detail = downstream.getBody().getDetail();
			return EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
					(detail != null) ? detail : "Service '" + downstream.downstream() + "' failed");
		}
		return ex;
	}

}
