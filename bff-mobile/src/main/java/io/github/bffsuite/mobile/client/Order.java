package io.github.bffsuite.mobile.client;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order as order-service answers it.
 *
 * @param id the order id, such as {@code o-00042}
 * @param items the lines
 * @param totalCents the total in cents
 * @param status the status, such as {@code SHIPPED}
 * @param createdAt when it was placed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Order(String id, List<Item> items, long totalCents, String status, Instant createdAt) {

	/**
	 * Return the number of units ordered.
	 * @return the sum of the quantities
	 */
	public int itemCount() {
		return this.items.stream().mapToInt(Item::quantity).sum();
	}

	/**
	 * One line of an order.
	 *
	 * @param productId the product id
	 * @param quantity how many units
	 * @param unitPriceCents the unit price at order time, in cents
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Item(String productId, int quantity, long unitPriceCents) {

	}

}
