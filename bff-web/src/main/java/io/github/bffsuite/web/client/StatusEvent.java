package io.github.bffsuite.web.client;

import java.time.Instant;

/**
 * A status an order reached, from order-service's event stream.
 *
 * @param orderId the order id
 * @param status the status reached
 * @param at when it was reached
 */
public record StatusEvent(String orderId, OrderStatus status, Instant at) {

}
