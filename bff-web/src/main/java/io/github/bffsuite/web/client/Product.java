package io.github.bffsuite.web.client;

/**
 * A product as product-service returns it.
 *
 * @param id the product id, such as {@code p-0001}
 * @param name the display name
 * @param category the category
 * @param priceCents the unit price in cents of {@code currency}
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param description a one-line description
 */
public record Product(String id, String name, String category, int priceCents, String currency, int stock,
		String description) {

}
