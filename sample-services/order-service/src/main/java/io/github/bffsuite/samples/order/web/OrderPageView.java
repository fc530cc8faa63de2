package io.github.bffsuite.samples.order.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.bffsuite.samples.order.data.Order;

/**
 * A page of orders as JSON.
 *
 * @param items the orders, newest first
 * @param nextCursor the cursor of the next page, {@code null} on the last page
 */
public record OrderPageView(List<Order> items, @Nullable String nextCursor) {

}
