package io.github.bffsuite.samples.product.data;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * Tests for {@link ProductCatalogue}.
 */
class ProductCatalogueTests {

	private final ProductCatalogue catalogue = new ProductCatalogue();

	@Test
	void seedsFiveThousandProductsWithCategoriesByIdModuloTwenty() {
		for (int n = 1; n <= 5000; n++) {
			Product product = this.catalogue.findByNumber(n).orElseThrow();
			assertThat(product.id()).isEqualTo("p-%04d".formatted(n));
			assertThat(product.category()).isEqualTo(ProductCatalogue.CATEGORIES.get((n - 1) % 20));
			assertThat(product.currency()).isEqualTo("EUR");
			assertThat(product.priceCents()).isPositive();
			assertThat(product.stock()).isNotNegative();
			assertThat(product.name()).isNotBlank();
			assertThat(product.description()).isNotBlank().hasSizeLessThan(100);
		}
		assertThat(this.catalogue.findByNumber(0)).isEmpty();
		assertThat(this.catalogue.findByNumber(5001)).isEmpty();
	}

	@Test
	void seedsTheSameCatalogueOnEveryStart() {
		ProductCatalogue other = new ProductCatalogue();
		for (int n = 1; n <= 5000; n++) {
			assertThat(other.findByNumber(n)).isEqualTo(this.catalogue.findByNumber(n));
		}
	}

	@Test
	void seedsWellUnderASecond() {
		assertTimeout(Duration.ofSeconds(1), ProductCatalogue::new);
	}

	@Test
	void searchesOneSliceAfterTheGivenProduct() {
		ProductSlice slice = this.catalogue.search("music", null, 2, 3);
		assertThat(slice.items()).extracting(Product::id).containsExactly("p-0022", "p-0042", "p-0062");
		assertThat(slice.hasMore()).isTrue();
		assertThat(this.catalogue.search("music", null, 4962, 3).items()).extracting(Product::id)
			.containsExactly("p-4982");
		assertThat(this.catalogue.search("music", null, 4962, 3).hasMore()).isFalse();
	}

	@Test
	void recommendsTheSameDistinctProductsToTheSameUser() {
		List<Product> first = this.catalogue.recommendedFor("u-001", 50);
		assertThat(first).hasSize(50).doesNotHaveDuplicates();
		assertThat(this.catalogue.recommendedFor("u-001", 50)).isEqualTo(first);
		assertThat(this.catalogue.recommendedFor("u-001", 10)).isEqualTo(first.subList(0, 10));
		assertThat(this.catalogue.recommendedFor("u-002", 50)).isNotEqualTo(first);
	}

}
