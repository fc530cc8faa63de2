package io.github.bffsuite.web.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.bffsuite.clients.NewOrder;

/**
 * The argument of {@code placeOrder}.
 *
 * @param idempotencyKey the client's key: the same key always gives the same order
 * @param items the lines
 */
record PlaceOrderInput(String idempotencyKey, List<OrderLineInput> items) {

	static final int MAX_LINES = 50;

	static final int MAX_QUANTITY = 100;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:~+=-]{1,128}");

	private static final Pattern PRODUCT_ID = Pattern.compile("p-(?!0000)[0-9]{4}");

	/**
	 * Check every field, reporting all that do not validate at once.
	 * @return the order to place
	 */
	NewOrder validate() {
		List<InvalidInputException.Violation> violations = new ArrayList<>();
		if (!KEY.matcher(this.idempotencyKey).matches()) {
			violations.add(new InvalidInputException.Violation("input.idempotencyKey",
					"must be 1 to 128 of A-Z a-z 0-9 . _ : ~ + = -"));
		}
		if (this.items.isEmpty() || this.items.size() > MAX_LINES) {
			violations.add(new InvalidInputException.Violation("input.items",
					"must hold between 1 and " + MAX_LINES + " lines"));
		}
		for (int i = 0; i < this.items.size(); i++) {
			OrderLineInput line = this.items.get(i);
			if (!PRODUCT_ID.matcher(line.productId()).matches()) {
				violations.add(new InvalidInputException.Violation("input.items[" + i + "].productId",
						"must be a product id such as p-0001"));
			}
			if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
				violations.add(new InvalidInputException.Violation("input.items[" + i + "].quantity",
						"must be from 1 to " + MAX_QUANTITY));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		return new NewOrder(
				this.items.stream().map((line) -> new NewOrder.Line(line.productId(), line.quantity())).toList());
	}

	/**
	 * One line of {@link PlaceOrderInput}.
	 *
	 * @param productId the product id
	 * @param quantity how many units
	 */
	record OrderLineInput(String productId, int quantity) {

	}

}
