package io.github.bffsuite.partner.v2;

import io.github.bffsuite.clients.Product;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A product in version 2: the price is an amount with its currency.
 *
 * @param id the product id
 * @param name the name
 * @param category the category
 * @param price the unit price
 * @param stock the units in stock
 * @param description a one-line description
 */
public record ProductV2(@Schema(example = "p-0001") String id, String name, String category, Money price, int stock,
		String description) {

	/**
	 * Return the view of a product in this version.
	 * @param product the product as product-service answers it
	 * @return the view
	 */
	public static ProductV2 of(Product product) {
		return new ProductV2(product.id(), product.name(), product.category(),
				Money.ofCents(product.priceCents(), product.currency()), product.stock(), product.description());
	}

}
