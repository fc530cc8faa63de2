package io.github.bffsuite.samples.support;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses and validates the ids of a request: a single path id, or the comma-separated
 * {@code ids} query parameter of a batch lookup.
 */
public final class IdList {

	/** Most ids one batch may list, duplicates included. */
	public static final int MAX_BATCH = 100;

	private final Pattern pattern;

	private final String format;

	/**
	 * Create a parser.
	 * @param pattern the pattern every id must match
	 * @param format the id format as described to clients
	 */
	public IdList(Pattern pattern, String format) {
		this.pattern = pattern;
		this.format = format;
	}

	/**
	 * Validate one id.
	 * @param id the id
	 * @return the id
	 */
	public String requireValid(String id) {
		if (!this.pattern.matcher(id).matches()) {
			throw Problems.badRequest("Ids must be " + this.format);
		}
		return id;
	}

	/**
	 * Parse the values of an {@code ids} query parameter (which may be repeated).
	 * @param values the raw values, {@code null} when the parameter is absent
	 * @return the distinct ids in the order first requested
	 */
	public List<String> parseBatch(@Nullable List<String> values) {
		if (values == null || values.isEmpty()) {
			throw Problems.badRequest("Query parameter 'ids' must list 1 to " + MAX_BATCH + " comma-separated ids");
		}
		Set<String> ids = new LinkedHashSet<>();
		int count = 0;
		for (String value : values) {
			// split with a negative limit keeps trailing empty entries, which are
			// malformed
			for (String entry : value.split(",", -1)) {
				if (++count > MAX_BATCH) {
					throw Problems.badRequest("A batch may list at most " + MAX_BATCH + " ids");
				}
				String id = entry.trim();
				if (id.isEmpty()) {
					throw Problems.badRequest("Query parameter 'ids' must not contain empty entries");
				}
				ids.add(requireValid(id));
			}
		}
		return List.copyOf(ids);
	}

}
