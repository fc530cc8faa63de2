package io.github.bffsuite.partner.client;

/**
 * A line of an order to place, as order-service takes it.
 *
 * @param productId the product id
 * @param quantity the units
 */
public record NewOrderLine(String productId, int quantity) {

}
