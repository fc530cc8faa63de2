package io.github.bffsuite.samples.product.web;

import java.util.List;

import io.github.bffsuite.samples.product.data.Product;

/**
 * Body of a batch lookup.
 *
 * @param products the products found, in the order requested
 */
public record ProductsResponse(List<Product> products) {

}
