package io.github.bffsuite.partner.api;

import java.util.function.Function;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.partner.client.ProductReader;
import io.github.bffsuite.partner.v1.ProductV1;
import io.github.bffsuite.partner.v2.ProductV2;
import io.github.bffsuite.partner.web.PartnerPage;
import io.github.bffsuite.partner.web.PartnerRequests;
import io.github.bffsuite.partner.web.ProblemResponses;
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
 * The catalogue, in every version of the partner API: one use case per operation, and one
 * mapping per version where the answer's shape differs (v1: a decimal price, v2: a money
 * object).
 */
@RestController
@RequestMapping(PartnerApiVersions.PATH + "/products")
@Tag(name = "Products", description = "The shared catalogue (scope products:read)")
public class ProductsController {

	private static final String SEARCH = "Search the catalogue";

	private static final String SEARCH_DESCRIPTION = "Products in id order, a page at a time.";

	private static final String CATEGORY = "One of the catalogue's categories, such as books";

	private static final String QUERY = "Words of the product name";

	private static final String CURSOR = "nextCursor of the previous page";

	private static final String LIMIT = "Page size, 1 to 100 (default 20)";

	private static final String GET = "Get a product";

	private final ProductReader products;

	public ProductsController(ProductReader products) {
		this.products = products;
	}

	// operation ids as the documents have always had them (see OrdersController)

	@GetMapping(version = "1")
	@Operation(operationId = "list_1", summary = SEARCH, description = SEARCH_DESCRIPTION)
	public Mono<PartnerPage<ProductV1>> searchV1(
			@Parameter(description = CATEGORY) @RequestParam(required = false) @Nullable String category,
			@Parameter(description = QUERY) @RequestParam(required = false) @Nullable String q,
			@Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = LIMIT) @RequestParam(required = false) @Nullable String limit) {
		return search(category, q, cursor, limit, ProductV1::of);
	}

	@GetMapping(version = "2")
	@Operation(operationId = "list_1", summary = SEARCH, description = SEARCH_DESCRIPTION)
	public Mono<PartnerPage<ProductV2>> searchV2(
			@Parameter(description = CATEGORY) @RequestParam(required = false) @Nullable String category,
			@Parameter(description = QUERY) @RequestParam(required = false) @Nullable String q,
			@Parameter(description = CURSOR) @RequestParam(required = false) @Nullable String cursor,
			@Parameter(description = LIMIT) @RequestParam(required = false) @Nullable String limit) {
		return search(category, q, cursor, limit, ProductV2::of);
	}

	@GetMapping(path = "/{id}", version = "1")
	@Operation(operationId = "get", summary = GET)
	@ProblemResponses(404)
	public Mono<ProductV1> getV1(@Parameter(example = "p-0001") @PathVariable String id) {
		return get(id, ProductV1::of);
	}

	@GetMapping(path = "/{id}", version = "2")
	@Operation(operationId = "get", summary = GET)
	@ProblemResponses(404)
	public Mono<ProductV2> getV2(@Parameter(example = "p-0001") @PathVariable String id) {
		return get(id, ProductV2::of);
	}

	private <V> Mono<PartnerPage<V>> search(@Nullable String category, @Nullable String q, @Nullable String cursor,
			@Nullable String limit, Function<Product, V> view) {
		Violations violations = new Violations();
		PartnerRequests.search(category, q, violations);
		int size = PartnerRequests.page(cursor, limit, violations);
		violations.throwIfAny();
		return this.products.search(category, q, cursor, size)
			.map((page) -> new PartnerPage<>(page.items().stream().map(view).toList(), page.nextCursor()));
	}

	private <V> Mono<V> get(String id, Function<Product, V> view) {
		PartnerRequests.productId(id);
		return this.products.product(id).map(view);
	}

}
