package io.github.bffsuite.partner.client;

/**
 * A product as product-service answers it.
 *
 * @param id the product id
 * @param name the name
 * @param category the category
 * @param priceCents the unit price in cents
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param description a one-line description
 */
public record DownstreamProduct(String id, String name, String category, long priceCents, String currency, int stock,
		String description) {

}
