package io.github.bffsuite.web.graphql;

import java.util.regex.Pattern;

/**
 * The id formats of the sample services (docs/sample-data.md), checked before any call:
 * an id that cannot exist, such as one of 10,000 characters, is a {@code BAD_USER_INPUT}
 * error naming the argument, never a call that the service (or its HTTP server, for a URI
 * that is too long) refuses, and never a batch that fails for every id in it.
 */
final class Ids {

	private static final Pattern USER = Pattern.compile("u-[0-9]{1,6}");

	private static final Pattern ORDER = Pattern.compile("o-[0-9]{5,9}");

	private static final Pattern PRODUCT = Pattern.compile("p-[0-9]{4}");

	private Ids() {
	}

	static String user(String id, String argument) {
		return check(id, USER, argument, "a user id such as u-001");
	}

	static String order(String id, String argument) {
		return check(id, ORDER, argument, "an order id such as o-00001");
	}

	static String product(String id, String argument) {
		return check(id, PRODUCT, argument, "a product id such as p-0001");
	}

	private static String check(String id, Pattern pattern, String argument, String what) {
		if (!pattern.matcher(id).matches()) {
			throw InvalidInputException.of(argument, "must be " + what);
		}
		return id;
	}

}
