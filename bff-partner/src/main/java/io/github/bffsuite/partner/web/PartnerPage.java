package io.github.bffsuite.partner.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A page of a list, in every version of the partner API.
 *
 * @param <T> the item type
 * @param data the items of the page
 * @param nextCursor the cursor of the next page, {@code null} on the last page
 */
public record PartnerPage<T>(List<T> data,
		@Schema(description = "Pass as ?cursor= to get the next page; null on the last page",
				nullable = true) @Nullable String nextCursor) {

}
