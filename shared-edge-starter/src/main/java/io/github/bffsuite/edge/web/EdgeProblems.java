package io.github.bffsuite.edge.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The problems an edge gateway answers with: RFC 9457 bodies with a stable {@code type}
 * URI under {@link #BASE}, a title and a detail safe to show to any client.
 */
public final class EdgeProblems {

	/** Base of every problem {@code type} URI of the suite. */
	public static final String BASE = "https://bff-suite.dev/problems/";

	/** Problem property that carries the request id. */
	public static final String REQUEST_ID = "requestId";

	private EdgeProblems() {
	}

	/**
	 * Build a problem.
	 * @param status the HTTP status
	 * @param slug the last segment of the type URI
	 * @param detail the detail safe to show
	 * @return the problem
	 */
	public static ProblemDetail problem(HttpStatusCode status, String slug, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title(status));
		return problem;
	}

	/**
	 * Build a problem exception, for code that signals errors.
	 * @param status the HTTP status
	 * @param slug the last segment of the type URI
	 * @param detail the detail safe to show
	 * @return the exception
	 */
	public static ErrorResponseException exception(HttpStatusCode status, String slug, String detail) {
		return new ErrorResponseException(status, problem(status, slug, detail), null);
	}

	/**
	 * The default slug for a status.
	 * @param status the status
	 * @return the slug
	 */
	public static String slug(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad-request";
			case 401 -> "unauthenticated";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 429 -> "rate-limited";
			case 431 -> "request-header-fields-too-large";
			case 502 -> "bad-gateway";
			case 503 -> "service-unavailable";
			case 504 -> "gateway-timeout";
			default -> (status.is5xxServerError() ? "internal" : "http-" + status.value());
		};
	}

	/**
	 * The standard reason phrase of a status.
	 * @param status the status
	 * @return the title
	 */
	public static String title(HttpStatusCode status) {
		HttpStatus resolved = HttpStatus.resolve(status.value());
		return (resolved != null) ? resolved.getReasonPhrase() : "Error";
	}

}
