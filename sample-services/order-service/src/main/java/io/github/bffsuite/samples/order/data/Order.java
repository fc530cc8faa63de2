package io.github.bffsuite.samples.order.data;

import java.time.Instant;
import java.util.List;

/**
 * An order of a user of a tenant. Immutable: a status change is a new instance.
 *
 * @param id the order id, such as {@code o-00042}
 * @param tenantId the tenant of the user
 * @param userId the user who placed it
 * @param items the lines
 * @param totalCents the sum of the lines, in cents
 * @param status the current status
 * @param createdAt when it was placed
 * @param updatedAt when the status last changed
 */
public record Order(String id, String tenantId, String userId, List<OrderItem> items, long totalCents,
		OrderStatus status, Instant createdAt, Instant updatedAt) {

	/**
	 * Return a copy with another status.
	 * @param newStatus the status
	 * @param at when it changed
	 * @return the copy
	 */
	public Order withStatus(OrderStatus newStatus, Instant at) {
		return new Order(this.id, this.tenantId, this.userId, this.items, this.totalCents, newStatus, this.createdAt,
				at);
	}

	/**
	 * Sum the lines.
	 * @param items the lines
	 * @return the total in cents
	 */
	public static long total(List<OrderItem> items) {
		return items.stream().mapToLong(OrderItem::lineTotalCents).sum();
	}

}
