package io.github.bffsuite.samples.support;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Factory of the RFC 9457 problems the sample services answer with. Each has a stable
 * {@code type} URI under {@link #BASE}.
 */
public final class Problems {

	/** Base of every problem {@code type} URI of the suite. */
	public static final String BASE = "https://bff-suite.dev/problems/";

	private Problems() {
	}

	/**
	 * Build a problem exception.
	 * @param status the HTTP status
	 * @param slug the last segment of the type URI
	 * @param title the short, stable title
	 * @param detail the detail safe to show to a client
	 * @return the exception to throw or signal
	 */
	public static ErrorResponseException of(HttpStatus status, String slug, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(BASE + slug));
		problem.setTitle(title);
		return new ErrorResponseException(status, problem, null);
	}

	/**
	 * A 400 for input that does not validate.
	 * @param detail what is wrong
	 * @return the exception
	 */
	public static ErrorResponseException badRequest(String detail) {
		return of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail);
	}

	/**
	 * A 404 for something that does not exist or belongs to another tenant.
	 * @param what what was looked for, such as {@code "Order o-000001"}
	 * @return the exception
	 */
	public static ErrorResponseException notFound(String what) {
		return of(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found");
	}

	/**
	 * A 401 for a request no gateway vouched for.
	 * @param detail what is missing
	 * @return the exception
	 */
	public static ErrorResponseException unauthenticated(String detail) {
		return of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail);
	}

	/**
	 * A 403 for a caller that lacks a scope.
	 * @param scope the missing scope
	 * @return the exception
	 */
	public static ErrorResponseException forbidden(String scope) {
		return of(HttpStatus.FORBIDDEN, "insufficient-scope", "Forbidden", "Scope '" + scope + "' is required");
	}

	/**
	 * A 409 for a request that conflicts with the current state.
	 * @param detail the conflict
	 * @return the exception
	 */
	public static ErrorResponseException conflict(String detail) {
		return of(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
	}

}
