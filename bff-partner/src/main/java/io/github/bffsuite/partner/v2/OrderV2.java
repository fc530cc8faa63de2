package io.github.bffsuite.partner.v2;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import io.github.bffsuite.clients.Order;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order in version 2: amounts with their currency, times as RFC 3339 strings in UTC.
 *
 * @param id the order id
 * @param status the status
 * @param items the lines
 * @param total the total
 * @param createdAt when it was placed
 * @param updatedAt when its status last changed
 */
public record OrderV2(@Schema(example = "o-00042") String id, @Schema(allowableValues = {
		"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED" }) String status, List<Line> items, Money total,
		@Schema(format = "date-time", example = "2026-11-28T09:30:00.123Z") String createdAt,
		@Schema(format = "date-time", example = "2026-11-28T09:30:00.123Z") String updatedAt){

	/**
	 * Return the view of an order in this version.
	 * @param order the order as order-service answers it
	 * @param currency the catalogue currency
	 * @return the view
	 */
	public static OrderV2 of(Order order, String currency) {
		return new OrderV2(order.id(), order.status().name(), order.items()
			.stream()
			.map((line) -> new Line(line.productId(), line.quantity(), Money.ofCents(line.unitPriceCents(), currency),
					Money.ofCents(line.unitPriceCents() * line.quantity(), currency)))
			.toList(), Money.ofCents(order.totalCents(), currency), rfc3339(order.createdAt()),
				rfc3339(order.updatedAt()));
	}

	private static String rfc3339(Instant instant) {
		return DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	/**
	 * A line.
	 *
	 * @param productId the product id
	 * @param quantity the units
	 * @param unitPrice the unit price at order time
	 * @param lineTotal the unit price times the quantity
	 */
	public record Line(String productId, int quantity, Money unitPrice, Money lineTotal) {

	}

}
