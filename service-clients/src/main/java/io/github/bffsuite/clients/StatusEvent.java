package io.github.bffsuite.clients;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A status an order reached, from order-service's event stream.
 *
 * @param orderId the order id
 * @param status the status reached
 * @param at when it was reached
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusEvent(String orderId, OrderStatus status, Instant at) {

}
