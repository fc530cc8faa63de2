package io.github.bffsuite.samples.order.web;

import java.time.Instant;

import io.github.bffsuite.samples.order.data.OrderStatus;

/**
 * Data of a {@code status} server-sent event.
 *
 * @param orderId the order id
 * @param status the status reached
 * @param at when it was reached
 */
public record StatusEventView(String orderId, OrderStatus status, Instant at) {

}
