package io.github.bffsuite.partner.client;

import io.github.bffsuite.clients.CursorPage;
import io.github.bffsuite.clients.Product;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How the partner API reads product-service's catalogue: over REST
 * ({@link RestProductReader}, the default) or over gRPC ({@link GrpcProductReader}, with
 * {@code edge.partner.products.transport=grpc}). Both answer the same products and pages,
 * and fail with the same problems a partner sees.
 */
public interface ProductReader {

	/**
	 * Return one product.
	 * @param id the product id, such as {@code p-0001}
	 * @return the product, or a 404 problem
	 */
	Mono<Product> product(String id);

	/**
	 * Search the catalogue in id order.
	 * @param category the category, or {@code null} for all
	 * @param q words of the name, or {@code null}
	 * @param cursor the cursor of the previous page, or {@code null} for the first
	 * @param limit the page size, 1 to 100
	 * @return the page
	 */
	Mono<CursorPage<Product>> search(@Nullable String category, @Nullable String q, @Nullable String cursor, int limit);

}
