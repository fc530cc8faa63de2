package io.github.bffsuite.clients;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How many orders a user has in each status, as order-service answers it.
 *
 * @param byStatus the count per status name
 * @param total the count of all orders
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderCounts(Map<String, Integer> byStatus, int total) {

}
