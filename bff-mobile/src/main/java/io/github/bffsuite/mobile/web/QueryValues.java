package io.github.bffsuite.mobile.web;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Checks of query parameters, failing with a 400 problem that names the parameter.
 */
final class QueryValues {

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

	static @Nullable String text(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
