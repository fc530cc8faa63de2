package io.github.bffsuite.mobile.web;

import io.github.bffsuite.mobile.screen.products.ProductDetail;
import io.github.bffsuite.mobile.screen.products.ProductList;
import io.github.bffsuite.mobile.screen.products.ProductScreens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The product screens: {@code GET /mobile/v1/products/{id}} and
 * {@code GET /mobile/v1/products?q=&category=&cursor=&limit=}.
 */
@RestController
public class ProductController {

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 50;

	private final ProductScreens products;

	private final ScreenResponses responses;

	public ProductController(ProductScreens products, ScreenResponses responses) {
		this.products = products;
		this.responses = responses;
	}

	@GetMapping("/mobile/v1/products/{id}")
	public Mono<ResponseEntity<byte[]>> detail(ServerWebExchange exchange, @PathVariable String id) {
		String productId = QueryValues.id(id, QueryValues.PRODUCT_ID, "p-0001");
		// one call fills every field of the product screens: a mask has no call to skip
		return this.responses.render(exchange, ProductDetail.class, (fields) -> this.products.detail(productId));
	}

	@GetMapping("/mobile/v1/products")
	public Mono<ResponseEntity<byte[]>> search(ServerWebExchange exchange,
			@RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		int size = QueryValues.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
		String words = QueryValues.text(q, "q", QueryValues.MAX_QUERY_LENGTH);
		String name = QueryValues.text(category, "category", QueryValues.MAX_CATEGORY_LENGTH);
		String after = QueryValues.text(cursor, "cursor", QueryValues.MAX_CURSOR_LENGTH);
		return this.responses.render(exchange, ProductList.class,
				(fields) -> this.products.search(words, name, after, size));
	}

}
