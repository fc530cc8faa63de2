package io.github.bffsuite.samples.order.data;

import java.time.Instant;

/**
 * Position of an order in a listing, newest first, ties broken by id (descending).
 *
 * @param createdAt when the order was placed
 * @param id the order id
 */
public record OrderKey(Instant createdAt, String id) implements Comparable<OrderKey> {

	/**
	 * Return the key of an order.
	 * @param order the order
	 * @return its key
	 */
	public static OrderKey of(Order order) {
		return new OrderKey(order.createdAt(), order.id());
	}

	@Override
	public int compareTo(OrderKey other) {
		int byTime = other.createdAt.compareTo(this.createdAt);
		return (byTime != 0) ? byTime : other.id.compareTo(this.id);
	}

}
