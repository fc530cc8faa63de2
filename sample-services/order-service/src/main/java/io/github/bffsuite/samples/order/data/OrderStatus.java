package io.github.bffsuite.samples.order.data;

import java.util.Locale;
import java.util.Optional;

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
	CANCELLED;

	/**
	 * Whether no further change can happen.
	 * @return whether the status is final
	 */
	public boolean isFinal() {
		return this == DELIVERED || this == CANCELLED;
	}

	/**
	 * Whether the order may still be cancelled.
	 * @return whether a cancel is allowed
	 */
	public boolean isCancellable() {
		return this == PENDING || this == PAID;
	}

	/**
	 * Return the status fulfilment moves to next, the same one when final.
	 * @return the next status
	 */
	public OrderStatus next() {
		return switch (this) {
			case PENDING -> PAID;
			case PAID -> SHIPPED;
			case SHIPPED -> DELIVERED;
			case DELIVERED, CANCELLED -> this;
		};
	}

	/**
	 * Parse a status name in any letter case.
	 * @param value the name
	 * @return the status, empty when unknown
	 */
	public static Optional<OrderStatus> parse(String value) {
		for (OrderStatus status : values()) {
			if (status.name().equals(value.toUpperCase(Locale.ROOT))) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
