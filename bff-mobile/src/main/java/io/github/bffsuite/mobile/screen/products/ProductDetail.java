package io.github.bffsuite.mobile.screen.products;

import java.util.List;

import io.github.bffsuite.mobile.screen.MissingSection;
import io.github.bffsuite.mobile.screen.Screen;

/**
 * The product detail screen.
 *
 * @param id the product id
 * @param name the display name
 * @param category the category
 * @param priceCents the unit price in cents
 * @param currency the ISO 4217 currency code
 * @param inStock whether units are in stock
 * @param description a one-line description
 * @param image the full-size image URL
 * @param thumb the thumbnail URL
 * @param partial the sections left out
 */
public record ProductDetail(String id, String name, String category, long priceCents, String currency, boolean inStock,
		String description, String image, String thumb, List<MissingSection> partial) implements Screen {

}
