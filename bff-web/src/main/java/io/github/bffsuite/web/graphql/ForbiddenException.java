package io.github.bffsuite.web.graphql;

/**
 * The caller may not see a field or run an operation.
 */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message, null, false, false);
	}

}
