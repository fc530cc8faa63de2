package io.github.bffsuite.web.graphql;

import java.util.List;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.web.client.RequestMemo;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The catalogue: single products through the {@code products} batch loader, searches as
 * connections, and recommendations.
 */
@Controller
class ProductController {

	private static final int DEFAULT_RECOMMENDATIONS = 10;

	private static final int MAX_RECOMMENDATIONS = 50;

	/** product-service's limit on the words of a search. */
	private static final int MAX_QUERY_LENGTH = 100;

	/** Longer than any category name (product-service lists them when one is unknown). */
	private static final int MAX_CATEGORY_LENGTH = 50;

	private final ProductService products;

	ProductController(ProductService products) {
		this.products = products;
	}

	@PreAuthorize(Access.PRODUCTS_READ)
	@QueryMapping
	Mono<Product> product(@Argument String id, DataLoader<String, Product> products) {
		Ids.product(id, "id");
		return BatchLoaders.load(products, id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("Product " + id + " was not found")));
	}

	@PreAuthorize(Access.PRODUCTS_READ)
	@QueryMapping
	Mono<Page<Product>> products(@Argument @Nullable String category, @Argument @Nullable String query,
			@Argument @Nullable Integer first, @Argument @Nullable String after) {
		if (category != null && category.length() > MAX_CATEGORY_LENGTH) {
			throw InvalidInputException.of("category", "must be at most " + MAX_CATEGORY_LENGTH + " characters");
		}
		String words = (query != null && !query.isBlank()) ? query.trim() : null;
		if (words != null && words.length() > MAX_QUERY_LENGTH) {
			throw InvalidInputException.of("query", "must be at most " + MAX_QUERY_LENGTH + " characters");
		}
		return Paging.page(first, after,
				(cursor, limit) -> RequestMemo.once(
						ProductService.NAME + " search " + category + "|" + words + "|" + cursor + "|" + limit,
						() -> this.products.search(category, words, cursor, limit)));
	}

	@PreAuthorize(Access.PRODUCTS_READ)
	@QueryMapping
	Mono<List<Product>> recommendations(@Argument @Nullable Integer first,
			@AuthenticationPrincipal EdgePrincipal principal) {
		String userId = Access.requireUser(principal);
		int count = Paging.size(first, "first", DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS);
		return RequestMemo.once(ProductService.NAME + " recommended " + userId + "|" + count,
				() -> this.products.recommended(userId, count).map(ProductService.Recommendations::items));
	}

	@SchemaMapping(typeName = "Product")
	Money price(Product product) {
		return Money.ofCents(product.priceCents(), product.currency());
	}

}
