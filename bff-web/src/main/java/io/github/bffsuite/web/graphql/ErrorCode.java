package io.github.bffsuite.web.graphql;

import org.springframework.graphql.execution.ErrorType;

/**
 * The stable codes of {@code errors[].extensions.code}, with the classification Spring
 * for GraphQL puts next to them.
 */
public enum ErrorCode {

	/** An argument does not validate; {@code extensions.field} names it. */
	BAD_USER_INPUT(ErrorType.BAD_REQUEST),

	/** The caller is not authenticated (or a service did not accept the identity). */
	UNAUTHENTICATED(ErrorType.UNAUTHORIZED),

	/** The caller may not see the field or run the operation. */
	FORBIDDEN(ErrorType.FORBIDDEN),

	/** The thing asked for does not exist, or belongs to someone else. */
	NOT_FOUND(ErrorType.NOT_FOUND),

	/**
	 * The request conflicts with the current state, such as cancelling a shipped order.
	 */
	CONFLICT(ErrorType.BAD_REQUEST),

	/** An idempotency key was reused with a different request. */
	IDEMPOTENCY_KEY_REUSED(ErrorType.BAD_REQUEST),

	/** A service refused the call for its own rate limit. */
	RATE_LIMITED(ErrorType.BAD_REQUEST),

	/** A service did not answer within its timeout. */
	DOWNSTREAM_TIMEOUT(ErrorType.INTERNAL_ERROR),

	/** A service could not be reached, is overloaded or its circuit is open. */
	DOWNSTREAM_UNAVAILABLE(ErrorType.INTERNAL_ERROR),

	/** A service failed with an unexpected status. */
	DOWNSTREAM_ERROR(ErrorType.INTERNAL_ERROR),

	/** The gateway itself failed. */
	INTERNAL_ERROR(ErrorType.INTERNAL_ERROR);

	private final ErrorType type;

	ErrorCode(ErrorType type) {
		this.type = type;
	}

	/**
	 * Return the classification.
	 * @return the error type
	 */
	public ErrorType type() {
		return this.type;
	}

}
