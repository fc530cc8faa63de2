package io.github.bffsuite.web.graphql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BiFunction;

import io.github.bffsuite.clients.CursorPage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Relay paging ({@code first}/{@code after}) over downstream listings that page with
 * opaque cursors. An edge's cursor names a downstream cursor plus how many items to skip
 * after it, so a client may resume after any edge without the gateway ever reading the
 * services' cursors; the last edge of a page carries the service's own next cursor.
 */
final class Paging {

	static final int DEFAULT_SIZE = 20;

	static final int MAX_SIZE = 100;

	private static final String VERSION = "c1";

	/** Longer than any cursor this API issues (the services' cursors are short). */
	private static final int MAX_CURSOR_LENGTH = 256;

	private Paging() {
	}

	static <T> Mono<Page<T>> page(@Nullable Integer first, @Nullable String after,
			BiFunction<@Nullable String, Integer, Mono<CursorPage<T>>> fetch) {
		return Mono.defer(() -> {
			int size = size(first, "first", DEFAULT_SIZE, MAX_SIZE);
			Position start = (after != null) ? Position.decode(after) : new Position(null, 0);
			int limit = Math.min(MAX_SIZE, start.skip() + size);
			return fetch.apply(start.downstream(), limit).map((slice) -> page(slice, start, after != null));
		});
	}

	private static <T> Page<T> page(CursorPage<T> slice, Position start, boolean hasPrevious) {
		List<T> all = slice.items();
		int from = Math.min(start.skip(), all.size());
		List<T> items = all.subList(from, all.size());
		List<String> cursors = new ArrayList<>(items.size());
		for (int i = from; i < all.size(); i++) {
			boolean last = i == all.size() - 1;
			Position position = (last && slice.nextCursor() != null) ? new Position(slice.nextCursor(), 0)
					: new Position(start.downstream(), i + 1);
			cursors.add(position.encode());
		}
		return new Page<>(items, cursors, hasPrevious, slice.nextCursor() != null);
	}

	/**
	 * Check a page size argument.
	 * @param value the argument, {@code null} when absent
	 * @param name the argument name
	 * @param defaultValue the size when absent
	 * @param max the largest size
	 * @return the size
	 */
	static int size(@Nullable Integer value, String name, int defaultValue, int max) {
		if (value == null) {
			return defaultValue;
		}
		if (value < 1 || value > max) {
			throw InvalidInputException.of(name, "must be from 1 to " + max);
		}
		return value;
	}

	/**
	 * Where a page starts: a downstream cursor ({@code null} for the start) and how many
	 * items after it to skip.
	 */
	record Position(@Nullable String downstream, int skip) {

		String encode() {
			String raw = VERSION + "|" + this.skip + "|" + ((this.downstream != null) ? this.downstream : "");
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Position decode(String cursor) {
			if (cursor.length() > MAX_CURSOR_LENGTH) {
				throw InvalidInputException.of("after", "is not a cursor this API issued");
			}
			try {
				String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
				String[] parts = raw.split("\\|", 3);
				if (parts.length == 3 && VERSION.equals(parts[0]) && parts[1].matches("[0-9]{1,3}")) {
					int skip = Integer.parseInt(parts[1]);
					if (skip <= MAX_SIZE) {
						return new Position(parts[2].isEmpty() ? null : parts[2], skip);
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// not base64: falls through to the error
			}
			throw InvalidInputException.of("after", "is not a cursor this API issued");
		}

	}

}
