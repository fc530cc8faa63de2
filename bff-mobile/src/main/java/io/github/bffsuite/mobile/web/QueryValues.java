package io.github.bffsuite.mobile.web;

import java.util.regex.Pattern;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Checks of query and path parameters, failing with a 400 problem that names the
 * parameter, before any service is called: a value the service would refuse, or whose URI
 * its HTTP server would refuse (an id of 10,000 characters), never goes downstream.
 */
final class QueryValues {

	/** order-service's order ids. */
	static final Pattern ORDER_ID = Pattern.compile("o-[0-9]{5,9}");

	/** product-service's product ids. */
	static final Pattern PRODUCT_ID = Pattern.compile("p-[0-9]{4}");

	/** product-service's limit on the words of a search. */
	static final int MAX_QUERY_LENGTH = 100;

	/** Longer than any category name. */
	static final int MAX_CATEGORY_LENGTH = 50;

	/** Longer than any cursor a service issues. */
	static final int MAX_CURSOR_LENGTH = 256;

	private QueryValues() {
	}

	static int limit(@Nullable String value, int defaultValue, int max) {
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			int limit = Integer.parseInt(value.strip());
			if (limit >= 1 && limit <= max) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the problem
		}
		throw EdgeProblems.exception(HttpStatus.BAD_REQUEST, "bad-request",
				"Query parameter 'limit' must be an integer from 1 to " + max);
	}

	static @Nullable String text(@Nullable String value, String name, int maxLength) {
		String text = (value == null || value.isBlank()) ? null : value.strip();
		if (text != null && text.length() > maxLength) {
			throw badRequest("Query parameter '" + name + "' must be at most " + maxLength + " characters");
		}
		return text;
	}

	static String id(String value, Pattern format, String example) {
		if (!format.matcher(value).matches()) {
			throw badRequest("Path parameter 'id' must look like " + example);
		}
		return value;
	}

	private static RuntimeException badRequest(String detail) {
		return EdgeProblems.exception(HttpStatus.BAD_REQUEST, "bad-request", detail);
	}

}
