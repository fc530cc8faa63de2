package io.github.bffsuite.partner.client;

import io.github.bffsuite.edge.downstream.DownstreamUri;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls product-service, the shared catalogue.
 */
public class ProductServiceClient {

	private static final ParameterizedTypeReference<DownstreamPage<DownstreamProduct>> PAGE = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	public ProductServiceClient(WebClient webClient) {
		this.webClient = webClient;
	}

	/**
	 * Search the catalogue.
	 * @param category the category, or {@code null} for all
	 * @param query words of the name, or {@code null}
	 * @param cursor the cursor of the page, or {@code null} for the first
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<DownstreamPage<DownstreamProduct>> search(@Nullable String category, @Nullable String query,
			@Nullable String cursor, int limit) {
		return this.webClient.get()
			.uri(DownstreamUri.path("/products")
				.query("category", category)
				.query("q", query)
				.query("cursor", cursor)
				.query("limit", limit)::build)
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "product-service", PAGE));
	}

	/**
	 * Return one product.
	 * @param id the product id
	 * @return the product, or a 404 problem
	 */
	public Mono<DownstreamProduct> get(String id) {
		return this.webClient.get()
			.uri("/products/{id}", id)
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "product-service", DownstreamProduct.class));
	}

}
