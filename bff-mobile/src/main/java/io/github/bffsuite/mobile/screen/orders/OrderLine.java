package io.github.bffsuite.mobile.screen.orders;

import org.jspecify.annotations.Nullable;

/**
 * One line of an order on its detail screen.
 *
 * @param productId the product id
 * @param name the product's display name, when the product lookup answered in time
 * @param thumb the product's thumbnail URL, when the product lookup answered in time
 * @param quantity how many units
 * @param unitPriceCents the unit price at order time, in cents
 */
public record OrderLine(String productId, @Nullable String name, @Nullable String thumb, int quantity,
		long unitPriceCents) {

}
