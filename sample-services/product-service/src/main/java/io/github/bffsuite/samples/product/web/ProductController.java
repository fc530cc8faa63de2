package io.github.bffsuite.samples.product.web;

import java.util.List;
import java.util.regex.Pattern;

import io.github.bffsuite.samples.product.data.Product;
import io.github.bffsuite.samples.product.data.ProductCatalogue;
import io.github.bffsuite.samples.product.data.ProductSlice;
import io.github.bffsuite.samples.support.IdList;
import io.github.bffsuite.samples.support.Problems;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared product catalogue; identity headers are accepted and ignored. Product reads
 * (one, a batch, a search page) are {@code Cache-Control: public, max-age=60} with a weak
 * {@code ETag}, and a matching {@code If-None-Match} gets 304.
 * <ul>
 * <li>{@code GET /products/{id}}: one product; ids are {@code p-} and 4 digits.</li>
 * <li>{@code GET /products?ids=p-0001,p-0002}: a batch of at most 100 ids (duplicates
 * included), answered as {@code {"products":[...]}} in the requested order with
 * duplicates collapsed and unknown ids absent; {@code ids} with any search parameter is a
 * 400.</li>
 * <li>{@code GET /products?category=&q=&cursor=&limit=}: a search in id order, answered
 * as {@code {"items":[...],"nextCursor":...}}. {@code category} must be one of the 20
 * categories (an unknown one is a 400 that lists them); a blank {@code q} matches every
 * name; {@code limit} is 1 to 100, 20 by default; {@code cursor} is the opaque
 * {@code nextCursor} of the previous page, {@code null} on the last page.</li>
 * <li>{@code GET /products/recommended?userId=u-001&limit=}: 1 to 50 (10 by default)
 * products, always the same for the same user.</li>
 * </ul>
 */
@RestController
@RequestMapping("/products")
public class ProductController {

	private static final IdList IDS = new IdList(Pattern.compile("p-[0-9]{4}"),
			"'p-' followed by 4 digits, such as p-0001");

	private static final Pattern USER_ID = Pattern.compile("u-[0-9]{1,6}");

	private static final List<String> SEARCH_PARAMETERS = List.of("category", "q", "cursor", "limit");

	private static final int MAX_QUERY_LENGTH = 100;

	private final ProductCatalogue catalogue;

	public ProductController(ProductCatalogue catalogue) {
		this.catalogue = catalogue;
	}

	@GetMapping("/{id}")
	public Mono<ResponseEntity<Product>> product(@PathVariable String id) {
		return Mono.justOrEmpty(this.catalogue.findByNumber(number(IDS.requireValid(id))))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Product " + id)))
			.map(CatalogueCaching::cacheable);
	}

	@GetMapping(params = "ids")
	public Mono<ResponseEntity<ProductsResponse>> products(ServerHttpRequest request) {
		if (SEARCH_PARAMETERS.stream().anyMatch(request.getQueryParams()::containsKey)) {
			throw Problems.badRequest("Query parameter 'ids' cannot be combined with " + SEARCH_PARAMETERS);
		}
		List<Integer> numbers = IDS.parseBatch(request.getQueryParams().get("ids"))
			.stream()
			.map(ProductController::number)
			.toList();
		return Mono.just(CatalogueCaching.cacheable(new ProductsResponse(this.catalogue.findAllByNumber(numbers))));
	}

	@GetMapping(params = "!ids")
	public Mono<ResponseEntity<ProductPage>> search(@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		if (category != null && !ProductCatalogue.CATEGORIES.contains(category)) {
			throw Problems.badRequest("Query parameter 'category' must be one of " + ProductCatalogue.CATEGORIES);
		}
		if (q != null && q.length() > MAX_QUERY_LENGTH) {
			throw Problems.badRequest("Query parameter 'q' must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		String query = (q != null && !q.isBlank()) ? q.trim() : null;
		int pageSize = QueryValues.limit(limit, "limit", 20, 100);
		ProductSlice slice = this.catalogue.search(category, query, QueryValues.afterNumber(cursor), pageSize);
		String nextCursor = slice.hasMore() ? QueryValues.cursor(slice.items().get(slice.items().size() - 1).id())
				: null;
		return Mono.just(CatalogueCaching.cacheable(new ProductPage(slice.items(), nextCursor)));
	}

	@GetMapping("/recommended")
	public Mono<Recommendations> recommended(@RequestParam(required = false) @Nullable String userId,
			@RequestParam(required = false) @Nullable String limit) {
		if (userId == null || !USER_ID.matcher(userId).matches()) {
			throw Problems.badRequest("Query parameter 'userId' is required: 'u-' followed by 1 to 6 digits");
		}
		int count = QueryValues.limit(limit, "limit", 10, 50);
		return Mono.just(new Recommendations(userId, this.catalogue.recommendedFor(userId, count)));
	}

	private static int number(String id) {
		return Integer.parseInt(id.substring(2));
	}

}
