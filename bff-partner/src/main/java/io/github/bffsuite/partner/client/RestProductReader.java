package io.github.bffsuite.partner.client;

import io.github.bffsuite.clients.CursorPage;
import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Reads the catalogue through product-service's REST API, with the declared
 * {@link ProductService} client and its downstream policies.
 */
public class RestProductReader implements ProductReader {

	private final ProductService products;

	public RestProductReader(ProductService products) {
		this.products = products;
	}

	@Override
	public Mono<Product> product(String id) {
		return this.products.product(id).onErrorMap(DownstreamAnswers::problem);
	}

	@Override
	public Mono<CursorPage<Product>> search(@Nullable String category, @Nullable String q, @Nullable String cursor,
			int limit) {
		return this.products.search(category, q, cursor, limit).onErrorMap(DownstreamAnswers::problem);
	}

}
