package io.github.bffsuite.edge.downstream;

import java.time.Duration;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A call to a named downstream service that failed, as the edge error a client sees: a
 * problem that names the downstream (never its address) and says why in
 * {@link #reason()}.
 */
public class DownstreamException extends ErrorResponseException {

	/** Problem property that names the downstream service. */
	public static final String DOWNSTREAM = "downstream";

	private final String downstream;

	private final String reason;

	private boolean serverError;

	DownstreamException(String downstream, HttpStatusCode status, String reason, String detail,
			@Nullable Throwable cause) {
		super(status, problem(downstream, status, reason, detail), cause);
		this.downstream = downstream;
		this.reason = reason;
	}

	private static ProblemDetail problem(String downstream, HttpStatusCode status, String reason, String detail) {
		ProblemDetail problem = EdgeProblems.problem(status, EdgeProblems.slug(status), detail);
		problem.setProperty(DOWNSTREAM, downstream);
		problem.setProperty("reason", reason);
		return problem;
	}

	/**
	 * The downstream did not answer within its response timeout.
	 * @param downstream the downstream name
	 * @param timeout the timeout
	 * @param cause the cause
	 * @return a 504 exception
	 */
	public static DownstreamException timeout(String downstream, Duration timeout, Throwable cause) {
		return new DownstreamException(downstream, HttpStatus.GATEWAY_TIMEOUT, "timeout",
				"Service '" + downstream + "' did not answer within " + timeout.toMillis() + " ms", cause);
	}

	/**
	 * The downstream's circuit is open.
	 * @param downstream the downstream name
	 * @param retryAfter when to try again
	 * @return a 503 exception with a {@code Retry-After} header
	 */
	public static DownstreamException circuitOpen(String downstream, Duration retryAfter) {
		DownstreamException ex = new DownstreamException(downstream, HttpStatus.SERVICE_UNAVAILABLE, "circuit-open",
				"Service '" + downstream + "' is failing; calls are suspended for a while", null);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
		return ex;
	}

	/**
	 * The downstream has too many calls in flight or waiting for a connection.
	 * @param downstream the downstream name
	 * @param cause the cause
	 * @return a 503 exception with a {@code Retry-After} header
	 */
	public static DownstreamException busy(String downstream, @Nullable Throwable cause) {
		DownstreamException ex = new DownstreamException(downstream, HttpStatus.SERVICE_UNAVAILABLE, "busy",
				"Service '" + downstream + "' has too many calls in flight", cause);
		ex.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return ex;
	}

	/**
	 * The downstream refused or reset the connection.
	 * @param downstream the downstream name
	 * @param cause the cause
	 * @return a 502 exception
	 */
	public static DownstreamException unreachable(String downstream, Throwable cause) {
		return new DownstreamException(downstream, HttpStatus.BAD_GATEWAY, "unreachable",
				"Service '" + downstream + "' could not be reached", cause);
	}

	/**
	 * The TLS handshake with the downstream failed: its certificate is not trusted, has
	 * expired or does not match its host name, or it refused the edge's client
	 * certificate. The problem says no more than that; the gateway log has the reason.
	 * @param downstream the downstream name
	 * @param cause the cause
	 * @return a 502 exception with the reason {@code tls-handshake}
	 */
	public static DownstreamException tlsHandshake(String downstream, Throwable cause) {
		return new DownstreamException(downstream, HttpStatus.BAD_GATEWAY, "tls-handshake",
				"Service '" + downstream + "' could not be reached over a trusted TLS connection", cause);
	}

	/**
	 * The downstream answered with a gateway error status (502, 503 or 504) on every
	 * attempt.
	 * @param downstream the downstream name
	 * @param status the downstream's status
	 * @return an exception with the same status
	 */
	public static DownstreamException status(String downstream, int status) {
		return new DownstreamException(downstream, HttpStatusCode.valueOf(status), "status-" + status,
				"Service '" + downstream + "' answered " + status, null);
	}

	/**
	 * The downstream answered with a server error status other than a gateway error, such
	 * as a 500; its body may hold internals and is never shown.
	 * @param downstream the downstream name
	 * @param status the downstream's status
	 * @return a 502 exception with a reason such as {@code status-500}
	 */
	public static DownstreamException serverError(String downstream, int status) {
		DownstreamException ex = new DownstreamException(downstream, HttpStatus.BAD_GATEWAY, "status-" + status,
				"Service '" + downstream + "' answered " + status, null);
		ex.serverError = true;
		return ex;
	}

	/**
	 * Return the name of the downstream that failed.
	 * @return the name
	 */
	public String downstream() {
		return this.downstream;
	}

	/**
	 * Return whether the downstream answered with a server error of its own (such as a
	 * 500), rather than being unavailable, slow or suspended.
	 * @return whether the service failed the call
	 * @see #serverError(String, int)
	 */
	public boolean isServerError() {
		return this.serverError;
	}

	/**
	 * Return why the call failed, such as {@code timeout}, {@code circuit-open},
	 * {@code busy}, {@code unreachable}, {@code tls-handshake} or {@code status-503}.
	 * @return the reason
	 */
	public String reason() {
		return this.reason;
	}

}
