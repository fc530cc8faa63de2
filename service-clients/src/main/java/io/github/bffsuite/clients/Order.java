package io.github.bffsuite.clients;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An order as order-service answers it.
 *
 * @param id the order id, such as {@code o-00042}
 * @param tenantId the tenant of the user
 * @param userId who placed it: a user, or a partner's client id
 * @param items the lines
 * @param totalCents the sum of the lines, in cents
 * @param status the current status
 * @param createdAt when it was placed
 * @param updatedAt when the status last changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Order(String id, String tenantId, String userId, List<Item> items, long totalCents, OrderStatus status,
		Instant createdAt, Instant updatedAt) {

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
