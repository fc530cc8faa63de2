package io.github.bffsuite.partner.v1;

import java.math.BigDecimal;
import java.util.List;

import io.github.bffsuite.clients.Order;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An order in version 1: amounts are decimal numbers in the catalogue currency, times are
 * epoch milliseconds.
 *
 * @param id the order id
 * @param status the status
 * @param items the lines
 * @param total the total
 * @param createdAt when it was placed, in epoch milliseconds
 * @param updatedAt when its status last changed, in epoch milliseconds
 */
public record OrderV1(@Schema(example = "o-00042") String id, @Schema(allowableValues = {
		"PENDING", "PAID", "SHIPPED", "DELIVERED", "CANCELLED" }) String status, List<Line> items,
		@Schema(example = "25.98") BigDecimal total, @Schema(example = "1795852800000") long createdAt,
		@Schema(example = "1795852800000") long updatedAt){

	/**
	 * Return the view of an order in this version.
	 * @param order the order as order-service answers it
	 * @return the view
	 */
	public static OrderV1 of(Order order) {
		return new OrderV1(order.id(), order.status().name(), order.items()
			.stream()
			.map((line) -> new Line(line.productId(), line.quantity(), BigDecimal.valueOf(line.unitPriceCents(), 2)))
			.toList(), BigDecimal.valueOf(order.totalCents(), 2), order.createdAt().toEpochMilli(),
				order.updatedAt().toEpochMilli());
	}

	/**
	 * A line.
	 *
	 * @param productId the product id
	 * @param quantity the units
	 * @param unitPrice the unit price at order time
	 */
	public record Line(String productId, int quantity, BigDecimal unitPrice) {

	}

}
