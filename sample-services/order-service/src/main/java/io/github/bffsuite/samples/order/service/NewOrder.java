package io.github.bffsuite.samples.order.service;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /orders}. Unknown fields are rejected by the JSON decoder.
 *
 * @param items the lines to order
 */
public record NewOrder(@Nullable List<@Nullable Line> items) {

	/**
	 * A line to order; its price is product-service's current price.
	 *
	 * @param productId the product id, such as {@code p-0042}
	 * @param quantity how many units, from 1 to 100
	 */
	public record Line(@Nullable String productId, @Nullable Integer quantity) {

	}

}
