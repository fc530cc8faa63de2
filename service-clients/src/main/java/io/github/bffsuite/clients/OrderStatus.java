package io.github.bffsuite.clients;

/**
 * Lifecycle of an order: {@code PENDING → PAID → SHIPPED → DELIVERED}, or
 * {@code CANCELLED} from {@code PENDING} or {@code PAID}.
 */
public enum OrderStatus {

	/** Placed, not paid yet. */
	PENDING,

	/** Paid, waiting to ship. */
	PAID,

	/** Handed to the carrier. */
	SHIPPED,

	/** Delivered; final. */
	DELIVERED,

	/** Cancelled; final. */
	CANCELLED

}
