package io.github.bffsuite.partner.client;

import java.time.Instant;
import java.util.List;

/**
 * An order as order-service answers it.
 *
 * @param id the order id
 * @param tenantId the tenant
 * @param userId who placed it: a user, or a partner's client id
 * @param items the lines
 * @param totalCents the total in cents
 * @param status the status
 * @param createdAt when it was placed
 * @param updatedAt when its status last changed
 */
public record DownstreamOrder(String id, String tenantId, String userId, List<Line> items, long totalCents,
		String status, Instant createdAt, Instant updatedAt) {

	/**
	 * A line of an order.
	 *
	 * @param productId the product id
	 * @param quantity the units
	 * @param unitPriceCents the unit price in cents
	 */
	public record Line(String productId, int quantity, long unitPriceCents) {

	}

}
