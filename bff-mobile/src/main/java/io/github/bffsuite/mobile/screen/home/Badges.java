package io.github.bffsuite.mobile.screen.home;

import io.github.bffsuite.clients.OrderCounts;

/**
 * Counts the app shows as badges.
 *
 * @param activeOrders orders still on their way: pending, paid or shipped
 */
public record Badges(int activeOrders) {

	/**
	 * Make the badges of a user's order counts.
	 * @param counts the counts by status
	 * @return the badges
	 */
	static Badges of(OrderCounts counts) {
		return new Badges(count(counts, "PENDING") + count(counts, "PAID") + count(counts, "SHIPPED"));
	}

	private static int count(OrderCounts counts, String status) {
		return counts.byStatus().getOrDefault(status, 0);
	}

}
