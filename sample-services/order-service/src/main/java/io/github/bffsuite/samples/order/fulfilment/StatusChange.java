package io.github.bffsuite.samples.order.fulfilment;

import java.time.Instant;

import io.github.bffsuite.samples.order.data.OrderStatus;

/**
 * A status an order reached, numbered in the order a watcher sees them.
 *
 * @param sequence the event number, from 1, per fulfilment run
 * @param orderId the order id
 * @param status the status reached
 * @param at when it was reached
 */
public record StatusChange(long sequence, String orderId, OrderStatus status, Instant at) {

}
