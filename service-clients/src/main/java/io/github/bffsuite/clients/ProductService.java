package io.github.bffsuite.clients;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.bffsuite.edge.downstream.IdBatches;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * product-service, downstream {@value #NAME}: the shared catalogue.
 */
@HttpExchange("/products")
public interface ProductService {

	/** Name of the downstream. */
	String NAME = "product-service";

	/** Most ids one {@code GET /products?ids=} takes. */
	int MAX_IDS = 100;

	/**
	 * Return one product.
	 * @param id the product id
	 * @return the product, or a 404
	 */
	@GetExchange("/{id}")
	Mono<Product> product(@PathVariable String id);

	/**
	 * Look up to {@value #MAX_IDS} products in one call; prefer
	 * {@link #byIds(Collection)}.
	 * @param ids the ids, comma-separated
	 * @return the products found, in the order asked
	 */
	@GetExchange
	Mono<Products> batch(@RequestParam String ids);

	/**
	 * Look products up by id, in batches the service takes, all at once.
	 * @param ids the ids, duplicates allowed
	 * @return the products found by id, in the order of the ids; unknown ids are absent
	 */
	default Mono<Map<String, Product>> byIds(Collection<String> ids) {
		return IdBatches.byId(ids, MAX_IDS, (batch) -> batch(String.join(",", batch)).map(Products::products),
				Product::id);
	}

	/**
	 * Search the catalogue in id order.
	 * @param category the category, or {@code null} for all
	 * @param q words of the name, or {@code null}
	 * @param cursor the cursor of the previous page, or {@code null} for the first
	 * @param limit the page size, 1 to 100
	 * @return the page
	 */
	@GetExchange
	Mono<CursorPage<Product>> search(@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam int limit);

	/**
	 * Return the products recommended to a user, best first, always the same for the same
	 * user.
	 * @param userId the user
	 * @param limit how many, 1 to 50
	 * @return the recommendations
	 */
	@GetExchange("/recommended")
	Mono<Recommendations> recommended(@RequestParam String userId, @RequestParam int limit);

	/**
	 * Answer of {@code GET /products?ids=}.
	 *
	 * @param products the products found
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Products(List<Product> products) {

	}

	/**
	 * Answer of {@code GET /products/recommended}.
	 *
	 * @param userId the user
	 * @param items the products, best first
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Recommendations(String userId, List<Product> items) {

	}

}
