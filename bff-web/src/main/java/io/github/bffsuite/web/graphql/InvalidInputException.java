package io.github.bffsuite.web.graphql;

import java.util.List;

/**
 * Arguments that do not validate, each naming its field, such as
 * {@code input.items[1].quantity}.
 */
public class InvalidInputException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidInputException(List<Violation> violations) {
		super("Invalid input: " + violations, null, false, false);
		this.violations = List.copyOf(violations);
	}

	static InvalidInputException of(String field, String message) {
		return new InvalidInputException(List.of(new Violation(field, message)));
	}

	/**
	 * Return the violations.
	 * @return the violations, at least one
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One field that does not validate.
	 *
	 * @param field the path of the field in the arguments
	 * @param message what is wrong, without the field name
	 */
	public record Violation(String field, String message) {

	}

}
