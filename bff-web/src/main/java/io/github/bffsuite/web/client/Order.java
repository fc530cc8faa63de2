package io.github.bffsuite.web.client;

import java.time.Instant;
import java.util.List;

/**
 * An order as order-service returns it.
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

}
