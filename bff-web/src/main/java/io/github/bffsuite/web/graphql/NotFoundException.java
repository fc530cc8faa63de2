package io.github.bffsuite.web.graphql;

/**
 * Something the caller asked for does not exist for them.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message, null, false, false);
	}

}
