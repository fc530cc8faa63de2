package io.github.bffsuite.partner.v1;

import java.math.BigDecimal;

import io.github.bffsuite.clients.Product;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product in version 1: the price is a decimal number in the catalogue currency.
 *
 * @param id the product id
 * @param name the name
 * @param category the category
 * @param price the unit price, in the catalogue currency
 * @param stock the units in stock
 * @param description a one-line description
 */
public record ProductV1(@Schema(example = "p-0001") String id, String name, String category,
		@Schema(example = "12.99") BigDecimal price, int stock, String description) {

	/**
	 * Return the view of a product in this version.
	 * @param product the product as product-service answers it
	 * @return the view
	 */
	public static ProductV1 of(Product product) {
		return new ProductV1(product.id(), product.name(), product.category(),
				BigDecimal.valueOf(product.priceCents(), 2), product.stock(), product.description());
	}

}
