package io.github.bffsuite.samples.product.web;

import java.util.List;

import io.github.bffsuite.samples.product.data.Product;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search.
 *
 * @param items the products of the page, in id order
 * @param nextCursor the opaque cursor of the next page, {@code null} on the last page
 */
public record ProductPage(List<Product> items, @Nullable String nextCursor) {

}
