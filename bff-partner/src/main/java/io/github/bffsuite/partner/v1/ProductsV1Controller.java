package io.github.bffsuite.partner.v1;

import io.github.bffsuite.partner.client.ProductServiceClient;
import io.github.bffsuite.partner.web.PartnerPage;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.github.bffsuite.partner.web.PartnerRequests;
import io.github.bffsuite.partner.web.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The catalogue in version 1 of the partner API.
 */
@RestController
@RequestMapping("/partner/v1/products")
@Tag(name = "Products", description = "The shared catalogue (scope products:read)")
public class ProductsV1Controller {

	private final ProductServiceClient products;

	public ProductsV1Controller(ProductServiceClient products) {
		this.products = products;
	}

	@GetMapping
	@Operation(summary = "Search the catalogue", description = "Products in id order, a page at a time.")
	public Mono<PartnerPage<ProductV1>> list(
			@Parameter(description = "One of the catalogue's categories, such as books") @RequestParam(
					required = false) @Nullable String category,
			@Parameter(description = "Words of the product name") @RequestParam(required = false) @Nullable String q,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "Page size, 1 to 100 (default 20)") @RequestParam(
					required = false) @Nullable String limit) {
		Violations violations = new Violations();
		PartnerRequests.search(category, q, violations);
		int size = PartnerRequests.page(cursor, limit, violations);
		violations.throwIfAny();
		return this.products.search(category, q, cursor, size)
			.map((page) -> new PartnerPage<>(page.items().stream().map(ProductV1::of).toList(), page.nextCursor()));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a product")
	@ProblemResponses(404)
	public Mono<ProductV1> get(@Parameter(example = "p-0001") @PathVariable String id) {
		PartnerRequests.productId(id);
		return this.products.get(id).map(ProductV1::of);
	}

}
