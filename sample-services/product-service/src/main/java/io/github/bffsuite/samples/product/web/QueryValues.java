package io.github.bffsuite.samples.product.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.bffsuite.samples.support.Problems;
import org.jspecify.annotations.Nullable;

/**
 * Parses the scalar query parameters of the product endpoints, answering bad values with
 * a 400 problem.
 */
final class QueryValues {

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

	private static final Pattern CURSOR_ID = Pattern.compile("p-([0-9]{4})");

	private static final int MAX_CURSOR_LENGTH = 32;

	private QueryValues() {
	}

	/**
	 * Parse a page size.
	 * @param raw the raw value, {@code null} when absent
	 * @param name the parameter name
	 * @param defaultValue the value when absent
	 * @param max the largest value allowed
	 * @return the size, from 1 to {@code max}
	 */
	static int limit(@Nullable String raw, String name, int defaultValue, int max) {
		if (raw == null) {
			return defaultValue;
		}
		int value = DIGITS.matcher(raw).matches() ? Integer.parseInt(raw) : 0;
		if (value < 1 || value > max) {
			throw Problems.badRequest("Query parameter '" + name + "' must be a whole number from 1 to " + max);
		}
		return value;
	}

	/**
	 * Encode the cursor that resumes a search after the given product.
	 * @param lastId the id of the last product of a page
	 * @return the opaque cursor
	 */
	static String cursor(String lastId) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Decode a cursor made by {@link #cursor(String)}.
	 * @param raw the cursor, {@code null} when absent
	 * @return the number of the product to resume after, 0 when absent
	 */
	static int afterNumber(@Nullable String raw) {
		if (raw == null) {
			return 0;
		}
		String decoded;
		try {
			decoded = (raw.length() <= MAX_CURSOR_LENGTH)
					? new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII) : "";
		}
		catch (IllegalArgumentException ex) {
			decoded = "";
		}
		Matcher matcher = CURSOR_ID.matcher(decoded);
		if (!matcher.matches()) {
			throw Problems.badRequest("Query parameter 'cursor' is not a cursor this service issued");
		}
		return Integer.parseInt(matcher.group(1));
	}

}
