package io.github.bffsuite.web.graphql;

import java.util.List;

/**
 * A page of items with the cursor of each, which {@link PageConnectionAdapter} turns into
 * a Relay connection.
 *
 * @param <T> the item type
 * @param items the items
 * @param cursors the cursor after each item, same size as {@code items}
 * @param hasPrevious whether items come before the first one
 * @param hasNext whether items come after the last one
 */
public record Page<T>(List<T> items, List<String> cursors, boolean hasPrevious, boolean hasNext) {

}
