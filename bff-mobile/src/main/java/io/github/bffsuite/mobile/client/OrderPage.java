package io.github.bffsuite.mobile.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * A page of orders as order-service answers it.
 *
 * @param items the orders, newest first
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderPage(List<Order> items, @Nullable String nextCursor) {

}
