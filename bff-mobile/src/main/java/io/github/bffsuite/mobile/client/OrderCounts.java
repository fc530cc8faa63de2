package io.github.bffsuite.mobile.client;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How many orders a user has in each status, as order-service answers it.
 *
 * @param byStatus the count per status
 * @param total the count of all orders
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCounts(Map<String, Integer> byStatus, int total) {

	/**
	 * Return how many orders are still on their way: pending, paid or shipped.
	 * @return the count
	 */
	public int active() {
		return count("PENDING") + count("PAID") + count("SHIPPED");
	}

	private int count(String status) {
		return this.byStatus.getOrDefault(status, 0);
	}

}
