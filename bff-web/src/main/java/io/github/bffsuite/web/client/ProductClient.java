package io.github.bffsuite.web.client;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.DownstreamUri;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls product-service, the shared catalogue.
 */
public class ProductClient {

	/** Logical name of the downstream. */
	public static final String SERVICE = "product-service";

	private static final ParameterizedTypeReference<Slice<Product>> SLICE = new ParameterizedTypeReference<>() {
	};

	private final WebClient client;

	public ProductClient(EdgeDownstreamClients clients) {
		this.client = clients.webClient(SERVICE);
	}

	/**
	 * Look products up by id with {@code GET /products?ids=}, at most 100 ids per call;
	 * unknown ids are absent from the result.
	 * @param ids the ids
	 * @return the products found, by id
	 */
	public Mono<Map<String, Product>> byIds(Collection<String> ids) {
		return Flux.fromIterable(UserClient.Batches.of(ids))
			.concatMap(
					(batch) -> RequestMemo.once(SERVICE + " /products?ids=" + batch,
							() -> ServiceErrors.checked(this.client.get()
								.uri((uri) -> uri.path("/products").queryParam("ids", String.join(",", batch)).build())
								.retrieve(), SERVICE).bodyToMono(Products.class)))
			.collect(LinkedHashMap::new,
					(map, products) -> products.products().forEach((product) -> map.put(product.id(), product)));
	}

	/**
	 * Search the catalogue in id order with
	 * {@code GET /products?category=&q=&cursor=&limit=}.
	 * @param category the category, or {@code null}
	 * @param query words of the name, or {@code null}
	 * @param cursor the downstream cursor to resume at, or {@code null}
	 * @param limit the page size, 1 to 100
	 * @return the page
	 */
	public Mono<Slice<Product>> search(@Nullable String category, @Nullable String query, @Nullable String cursor,
			int limit) {
		String key = SERVICE + " search " + category + "|" + query + "|" + cursor + "|" + limit;
		return RequestMemo.once(key,
				() -> ServiceErrors
					.checked(this.client.get()
						.uri(DownstreamUri.path("/products")
							.query("category", category)
							.query("q", query)
							.query("cursor", cursor)
							.query("limit", limit)::build)
						.retrieve(), SERVICE)
					.bodyToMono(SLICE));
	}

	/**
	 * Return the products recommended to a user, best first.
	 * @param userId the user
	 * @param limit how many, 1 to 50
	 * @return the products
	 */
	public Mono<List<Product>> recommended(String userId, int limit) {
		return RequestMemo
			.once(SERVICE + " recommended " + userId + "|" + limit, () -> ServiceErrors.checked(this.client.get()
				.uri(DownstreamUri.path("/products/recommended").query("userId", userId).query("limit", limit)::build)
				.retrieve(), SERVICE).bodyToMono(Recommended.class).map(Recommended::items));
	}

	record Products(List<Product> products) {

	}

	record Recommended(String userId, List<Product> items) {

	}

}
