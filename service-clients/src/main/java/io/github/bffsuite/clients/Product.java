package io.github.bffsuite.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A product as product-service answers it.
 *
 * @param id the product id, such as {@code p-0001}
 * @param name the display name
 * @param category the category
 * @param priceCents the unit price in cents of {@code currency}
 * @param currency the ISO 4217 currency code
 * @param stock the units in stock
 * @param description a one-line description
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Product(String id, String name, String category, long priceCents, String currency, int stock,
		String description) {

}
