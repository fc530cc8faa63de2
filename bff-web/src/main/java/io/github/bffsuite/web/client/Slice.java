package io.github.bffsuite.web.client;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a downstream listing that pages with opaque cursors.
 *
 * @param <T> the item type
 * @param items the items of the page
 * @param nextCursor the downstream's cursor of the next page, {@code null} on the last
 * page
 */
public record Slice<T>(List<T> items, @Nullable String nextCursor) {

}
