package io.github.bffsuite.samples.order.web;

import java.util.Map;

import io.github.bffsuite.samples.order.data.OrderStatus;

/**
 * Body of {@code GET /orders/counts}: how many orders the caller has in each status, for
 * badges and summaries that should not page through every order.
 *
 * @param byStatus the count of every status, zero included
 * @param total the count of all orders
 */
public record OrderCountsView(Map<OrderStatus, Integer> byStatus, int total) {

	static OrderCountsView of(Map<OrderStatus, Integer> counts) {
		return new OrderCountsView(counts, counts.values().stream().mapToInt(Integer::intValue).sum());
	}

}
