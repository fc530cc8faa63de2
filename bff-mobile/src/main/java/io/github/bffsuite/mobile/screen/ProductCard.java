package io.github.bffsuite.mobile.screen;

import io.github.bffsuite.clients.Product;

/**
 * A product as a list row or tile shows it.
 *
 * @param id the product id
 * @param name the display name
 * @param priceCents the unit price in cents
 * @param currency the ISO 4217 currency code
 * @param thumb the thumbnail URL
 */
public record ProductCard(String id, String name, long priceCents, String currency, String thumb) {

	/**
	 * Make the card of a product.
	 * @param product the product
	 * @param images the image URLs
	 * @return the card
	 */
	public static ProductCard of(Product product, Images images) {
		return new ProductCard(product.id(), product.name(), product.priceCents(), product.currency(),
				images.thumbnail(product.id()));
	}

}
