package io.github.bffsuite.partner.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Body of a create order request, in every version of the partner API.
 *
 * @param items the lines, 1 to 50
 */
@Schema(example = "{\"items\":[{\"productId\":\"p-0001\",\"quantity\":2}]}")
public record CreateOrderRequest(@Nullable List<PartnerRequests.@Nullable OrderLineRequest> items) {

}
