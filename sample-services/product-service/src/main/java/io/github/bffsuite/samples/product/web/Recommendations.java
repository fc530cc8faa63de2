package io.github.bffsuite.samples.product.web;

import java.util.List;

import io.github.bffsuite.samples.product.data.Product;

/**
 * Products recommended to a user.
 *
 * @param userId the user the products are recommended to
 * @param items the recommended products, best first
 */
public record Recommendations(String userId, List<Product> items) {

}
