package io.github.bffsuite.mobile.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls to product-service.
 */
@Component
public class ProductClient {

	/** Most ids product-service takes in one batch. */
	static final int MAX_BATCH = 100;

	private final WebClient products;

	public ProductClient(EdgeDownstreamClients clients) {
		this.products = clients.webClient("product-service");
	}

	/**
	 * Return one product.
	 * @param id the product id
	 * @return the product
	 */
	public Mono<Product> product(String id) {
		return this.products.get().uri("/products/{id}", id).retrieve().bodyToMono(Product.class);
	}

	/**
	 * Look products up in one batch call.
	 * @param ids the ids, duplicates allowed
	 * @return the products found by id; unknown ids are absent
	 */
	public Mono<Map<String, Product>> byIds(Collection<String> ids) {
		List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
		if (distinct.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> batch = distinct.subList(0, Math.min(distinct.size(), MAX_BATCH));
		return this.products.get()
			.uri((uri) -> uri.path("/products").queryParam("ids", String.join(",", batch)).build())
			.retrieve()
			.bodyToMono(Batch.class)
			.map((found) -> found.products()
				.stream()
				.collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a)));
	}

	/**
	 * Search the catalogue.
	 * @param query words in the name, or {@code null}
	 * @param category the category, or {@code null}
	 * @param cursor the cursor of the previous page, or {@code null}
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<ProductPage> search(@Nullable String query, @Nullable String category, @Nullable String cursor,
			int limit) {
		return this.products.get().uri((uri) -> {
			uri.path("/products").queryParam("limit", limit);
			if (query != null) {
				uri.queryParam("q", "{q}");
			}
			if (category != null) {
				uri.queryParam("category", "{category}");
			}
			if (cursor != null) {
				uri.queryParam("cursor", "{cursor}");
			}
			return uri.build(variables(query, category, cursor));
		}).retrieve().bodyToMono(ProductPage.class);
	}

	private static Map<String, String> variables(@Nullable String query, @Nullable String category,
			@Nullable String cursor) {
		Map<String, String> variables = new HashMap<>();
		if (query != null) {
			variables.put("q", query);
		}
		if (category != null) {
			variables.put("category", category);
		}
		if (cursor != null) {
			variables.put("cursor", cursor);
		}
		return variables;
	}

	/**
	 * Return the products recommended to a user.
	 * @param userId the user
	 * @param limit how many
	 * @return the products, best first
	 */
	public Mono<List<Product>> recommended(String userId, int limit) {
		return this.products.get()
			.uri((uri) -> uri.path("/products/recommended")
				.queryParam("userId", "{userId}")
				.queryParam("limit", limit)
				.build(Map.of("userId", userId)))
			.retrieve()
			.bodyToMono(Recommendations.class)
			.map(Recommendations::items);
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Batch(List<Product> products) {

	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record Recommendations(List<Product> items) {

	}

}
