package io.github.bffsuite.mobile.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A page of a product search as product-service answers it.
 *
 * @param items the products
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductPage(List<Product> items, @Nullable String nextCursor) {

}
