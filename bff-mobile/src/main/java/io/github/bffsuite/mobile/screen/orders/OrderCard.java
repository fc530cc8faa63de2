package io.github.bffsuite.mobile.screen.orders;

import org.jspecify.annotations.Nullable;

/**
 * An order as a list row shows it.
 *
 * @param id the order id
 * @param status the status, such as {@code SHIPPED}
 * @param totalCents the total in cents
 * @param itemCount the number of units ordered
 * @param product the first product of the order
 */
public record OrderCard(String id, String status, long totalCents, int itemCount, @Nullable ProductRef product) {

}
