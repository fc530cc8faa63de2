package io.github.bffsuite.mobile.screen.products;

import java.util.List;

import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.mobile.client.ServiceErrors;
import io.github.bffsuite.mobile.config.MobileProperties;
import io.github.bffsuite.mobile.screen.Images;
import io.github.bffsuite.mobile.screen.ProductCard;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Builds the product screens from product-service.
 */
@Service
public class ProductScreens {

	private final ProductService products;

	private final Images images;

	private final MobileProperties properties;

	public ProductScreens(ProductService products, Images images, MobileProperties properties) {
		this.products = products;
		this.images = images;
		this.properties = properties;
	}

	/**
	 * Build the detail of a product.
	 * @param id the product id
	 * @return the detail, or a 404 problem
	 */
	public Mono<ProductDetail> detail(String id) {
		return this.products.product(id)
			.timeout(this.properties.getDeadline())
			.onErrorMap(ServiceErrors.about("Product " + id))
			.map(this::detail);
	}

	private ProductDetail detail(Product product) {
		return new ProductDetail(product.id(), product.name(), product.category(), product.priceCents(),
				product.currency(), product.stock() > 0, product.description(), this.images.image(product.id()),
				this.images.thumbnail(product.id()), List.of());
	}

	/**
	 * Search products.
	 * @param query words in the name, or {@code null}
	 * @param category the category, or {@code null}
	 * @param cursor the cursor of the previous page, or {@code null}
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<ProductList> search(@Nullable String query, @Nullable String category, @Nullable String cursor,
			int limit) {
		return this.products.search(category, query, cursor, limit)
			.timeout(this.properties.getDeadline())
			.onErrorMap(ServiceErrors.about("The product search"))
			.map((page) -> new ProductList(
					page.items().stream().map((product) -> ProductCard.of(product, this.images)).toList(),
					page.nextCursor(), List.of()));
	}

}
