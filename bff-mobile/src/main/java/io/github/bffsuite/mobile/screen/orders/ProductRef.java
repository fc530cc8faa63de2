package io.github.bffsuite.mobile.screen.orders;

import org.jspecify.annotations.Nullable;

/**
 * A product named in an order: its id always, its name and thumbnail when the product
 * lookup answered in time.
 *
 * @param id the product id
 * @param name the display name
 * @param thumb the thumbnail URL
 */
public record ProductRef(String id, @Nullable String name, @Nullable String thumb) {

}
