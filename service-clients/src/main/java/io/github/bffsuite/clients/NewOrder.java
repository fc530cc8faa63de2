package io.github.bffsuite.clients;

import java.util.List;

/**
 * Body of {@code POST /orders}.
 *
 * @param items the lines to order
 */
public record NewOrder(List<Line> items) {

	/**
	 * A line to order.
	 *
	 * @param productId the product id
	 * @param quantity how many units
	 */
	public record Line(String productId, int quantity) {

	}

}
