package io.github.bffsuite.partner.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of a downstream list.
 *
 * @param <T> the item type
 * @param items the items
 * @param nextCursor the cursor of the next page, {@code null} on the last one
 */
public record DownstreamPage<T>(List<T> items, @Nullable String nextCursor) {

}
