package io.github.bffsuite.edge.downstream;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A downstream refused a call with a 4xx: the request was wrong, not the service. It
 * keeps the status and the {@code detail} of the service's problem, which is written for
 * clients; gateways map it to their own view or let it render as a problem.
 *
 * @see DownstreamErrors
 */
public class DownstreamRejectedException extends ErrorResponseException {

	private final String downstream;

	private final @Nullable String detail;

	DownstreamRejectedException(String downstream, HttpStatusCode status, @Nullable String detail) {
		super(status, problem(downstream, status, detail), null);
		this.downstream = downstream;
		this.detail = detail;
	}

	private static ProblemDetail problem(String downstream, HttpStatusCode status, @Nullable String detail) {
		ProblemDetail problem = EdgeProblems.problem(status, EdgeProblems.slug(status),
				(detail != null) ? detail : EdgeProblems.title(status));
		problem.setProperty(DownstreamException.DOWNSTREAM, downstream);
		return problem;
	}

	/**
	 * Return the name of the downstream that refused the call.
	 * @return the name, such as {@code order-service}
	 */
	public String downstream() {
		return this.downstream;
	}

	/**
	 * Return the status the downstream answered.
	 * @return the 4xx status
	 */
	public int status() {
		return getStatusCode().value();
	}

	/**
	 * Return the {@code detail} of the downstream's problem, meant for clients.
	 * @return the detail, or {@code null} when the answer had none
	 */
	public @Nullable String detail() {
		return this.detail;
	}

}
