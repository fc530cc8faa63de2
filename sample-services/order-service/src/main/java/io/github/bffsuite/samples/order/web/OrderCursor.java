package io.github.bffsuite.samples.order.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

import io.github.bffsuite.samples.order.data.OrderKey;
import io.github.bffsuite.samples.support.Problems;

/**
 * Opaque pagination cursors: the position of the last order of a page, base64url encoded.
 * Clients must not build or parse them.
 */
final class OrderCursor {

	private static final String VERSION = "v1";

	private static final Pattern ORDER_ID = Pattern.compile("o-\\d{5,9}");

	private OrderCursor() {
	}

	static String encode(OrderKey key) {
		String raw = VERSION + '|' + key.createdAt() + '|' + key.id();
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static OrderKey decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			String[] parts = raw.split("\\|", -1);
			if (parts.length != 3 || !VERSION.equals(parts[0]) || !ORDER_ID.matcher(parts[2]).matches()) {
				throw invalid();
			}
			return new OrderKey(Instant.parse(parts[1]), parts[2]);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw invalid();
		}
	}

	private static RuntimeException invalid() {
		return Problems.badRequest("cursor is not valid; use the nextCursor of a previous page");
	}

}
