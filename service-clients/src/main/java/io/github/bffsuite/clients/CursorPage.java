package io.github.bffsuite.clients;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing that pages with opaque cursors.
 *
 * @param <T> the item type
 * @param items the items of the page
 * @param nextCursor the service's cursor of the next page, {@code null} on the last page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CursorPage<T>(List<T> items, @Nullable String nextCursor) {

}
