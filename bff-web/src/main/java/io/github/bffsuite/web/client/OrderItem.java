package io.github.bffsuite.web.client;

/**
 * One line of an order.
 *
 * @param productId the product id
 * @param quantity how many units
 * @param unitPriceCents the unit price at order time, in cents
 */
public record OrderItem(String productId, int quantity, long unitPriceCents) {

}
