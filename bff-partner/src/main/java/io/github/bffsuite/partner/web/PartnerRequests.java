package io.github.bffsuite.partner.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.github.bffsuite.clients.NewOrder;
import org.jspecify.annotations.Nullable;

/**
 * Validation of the partner API's parameters and bodies, the same for every version, so
 * that an invalid request fails at the gateway with every field at fault named.
 */
public final class PartnerRequests {

	/** Page size when none is asked for. */
	public static final int DEFAULT_LIMIT = 20;

	/** Largest page size. */
	public static final int MAX_LIMIT = 100;

	/** Most lines in one order. */
	public static final int MAX_LINES = 50;

	/** Most units of one line. */
	public static final int MAX_QUANTITY = 100;

	/** Order statuses. */
	public static final Set<String> STATUSES = Set.of("PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED");

	private static final Pattern ORDER_ID = Pattern.compile("o-\\d{5,9}");

	private static final Pattern PRODUCT_ID = Pattern.compile("p-\\d{4}");

	private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_=-]{1,256}");

	/** product-service's limit on the words of a search. */
	private static final int MAX_QUERY_LENGTH = 100;

	/** Longer than any category name (product-service lists them when one is unknown). */
	private static final int MAX_CATEGORY_LENGTH = 50;

	private PartnerRequests() {
	}

	/**
	 * Check the parameters of a list request.
	 * @param cursor the cursor
	 * @param limit the page size, as sent
	 * @param violations where violations are recorded
	 * @return the page size
	 */
	public static int page(@Nullable String cursor, @Nullable String limit, Violations violations) {
		violations.require(cursor == null || CURSOR.matcher(cursor).matches(), "cursor",
				"must be the nextCursor of a previous page");
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		int value = -1;
		try {
			value = Integer.parseInt(limit.trim());
		}
		catch (NumberFormatException ex) {
			// recorded below
		}
		violations.require(value >= 1 && value <= MAX_LIMIT, "limit", "must be an integer from 1 to " + MAX_LIMIT);
		return Math.max(1, Math.min(MAX_LIMIT, value));
	}

	/**
	 * Check the parameters of a catalogue search that product-service would refuse for
	 * their length alone (or whose URI its HTTP server would refuse).
	 * @param category the category, as sent
	 * @param query the words, as sent
	 * @param violations where violations are recorded
	 */
	public static void search(@Nullable String category, @Nullable String query, Violations violations) {
		violations.require(category == null || category.length() <= MAX_CATEGORY_LENGTH, "category",
				"must be at most " + MAX_CATEGORY_LENGTH + " characters");
		violations.require(query == null || query.length() <= MAX_QUERY_LENGTH, "q",
				"must be at most " + MAX_QUERY_LENGTH + " characters");
	}

	/**
	 * Check an order status filter.
	 * @param status the status, as sent
	 * @param violations where violations are recorded
	 * @return the status in upper case, or {@code null}
	 */
	public static @Nullable String status(@Nullable String status, Violations violations) {
		if (status == null || status.isBlank()) {
			return null;
		}
		String upper = status.trim().toUpperCase(Locale.ROOT);
		violations.require(STATUSES.contains(upper), "status", "must be one of " + STATUSES.stream().sorted().toList());
		return upper;
	}

	/**
	 * Check an order id.
	 * @param id the id
	 */
	public static void orderId(String id) {
		new Violations().require(ORDER_ID.matcher(id).matches(), "id", "must look like o-00001").throwIfAny();
	}

	/**
	 * Check a product id.
	 * @param id the id
	 */
	public static void productId(String id) {
		new Violations().require(PRODUCT_ID.matcher(id).matches(), "id", "must look like p-0001").throwIfAny();
	}

	/**
	 * Check the lines of a new order.
	 * @param lines the lines, as sent
	 * @return the lines to send downstream
	 */
	public static List<NewOrder.Line> lines(@Nullable List<@Nullable OrderLineRequest> lines) {
		Violations violations = new Violations();
		if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
			violations.require(false, "items", "must hold 1 to " + MAX_LINES + " lines").throwIfAny();
		}
		List<NewOrder.Line> result = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			OrderLineRequest line = lines.get(i);
			if (line == null) {
				violations.require(false, "items[" + i + "]", "must be an object");
				continue;
			}
			violations.require(line.productId() != null && PRODUCT_ID.matcher(line.productId()).matches(),
					"items[" + i + "].productId", "must look like p-0001");
			violations.require(line.quantity() != null && line.quantity() >= 1 && line.quantity() <= MAX_QUANTITY,
					"items[" + i + "].quantity", "must be an integer from 1 to " + MAX_QUANTITY);
			if (!violations.any()) {
				result.add(new NewOrder.Line(line.productId(), line.quantity()));
			}
		}
		violations.throwIfAny();
		return result;
	}

	/**
	 * The key sent to order-service for a create: derived from the partner's
	 * Idempotency-Key so a retry that reaches order-service is safe too, else random.
	 * @param idempotencyKey the partner's key, or {@code null}
	 * @return the downstream key
	 */
	public static String downstreamKey(@Nullable String idempotencyKey) {
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			return "gw-" + UUID.randomUUID();
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
			return "pk-" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One line of a create request, as sent by the partner.
	 *
	 * @param productId the product id, such as p-0001
	 * @param quantity the units, 1 to 100
	 */
	public record OrderLineRequest(@Nullable String productId, @Nullable Integer quantity) {

	}

}
