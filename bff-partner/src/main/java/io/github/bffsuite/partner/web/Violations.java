package io.github.bffsuite.partner.web;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.bffsuite.edge.web.EdgeProblems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Collects what is wrong with a request, field by field, and fails with one 400
 * {@code validation-failed} problem that lists them all in {@code errors}.
 */
public final class Violations {

	/** Slug of the problem type of invalid requests. */
	public static final String TYPE = "validation-failed";

	private final List<FieldError> errors = new ArrayList<>();

	/**
	 * Record a violation unless a condition holds.
	 * @param valid whether the field is valid
	 * @param field the field, such as {@code items[0].quantity} or {@code limit}
	 * @param reason why it is not
	 * @return this
	 */
	public Violations require(boolean valid, String field, String reason) {
		if (!valid) {
			this.errors.add(new FieldError(field, reason));
		}
		return this;
	}

	/**
	 * Whether a violation was recorded.
	 * @return whether any was
	 */
	public boolean any() {
		return !this.errors.isEmpty();
	}

	/**
	 * Fail when a violation was recorded.
	 */
	public void throwIfAny() {
		if (any()) {
			throw exception(this.errors);
		}
	}

	/**
	 * Build the problem of a list of violations.
	 * @param errors the violations
	 * @return the exception
	 */
	public static ErrorResponseException exception(List<FieldError> errors) {
		String detail = errors.stream()
			.map((error) -> error.field() + ": " + error.reason())
			.collect(Collectors.joining("; "));
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST, TYPE, detail);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.copyOf(errors));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	/**
	 * One invalid field.
	 *
	 * @param field the field: a JSON path into the body, or a query or path parameter
	 * @param reason why it is invalid
	 */
	public record FieldError(String field, String reason) {

	}

}
