package io.github.bffsuite.mobile;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product screens through the running gateway.
 */
class ProductScreensTests extends MobileGatewayTestSupport {

	@Test
	void showsAProduct() {
		this.client.get()
			.uri("/mobile/v1/products/p-0005")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("p-0005")
			.jsonPath("$.name")
			.isEqualTo("Product 5")
			.jsonPath("$.inStock")
			.isEqualTo(false)
			.jsonPath("$.image")
			.isEqualTo("https://img.bff-suite.dev/products/p-0005/full.webp")
			.jsonPath("$.stock")
			.doesNotExist();
	}

	@Test
	void answersNotFoundForAnUnknownProduct() {
		this.client.get()
			.uri("/mobile/v1/products/p-0999")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Product p-0999 was not found");
	}

	@Test
	void searchesByWordsAndCategoryPageByPage() {
		this.client.get()
			.uri("/mobile/v1/products?q={q}&category=books&limit=3", "Product 1")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].id")
			.isEqualTo(java.util.List.of("p-0010", "p-0012", "p-0014"))
			.jsonPath("$.items[0].thumb")
			.isEqualTo("https://img.bff-suite.dev/products/p-0010/thumb.webp")
			.jsonPath("$.next")
			.isEqualTo("3");
		this.client.get()
			.uri("/mobile/v1/products?q={q}&category=books&limit=3&cursor=3", "Product 1")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[*].id")
			.isEqualTo(java.util.List.of("p-0016", "p-0018"))
			.jsonPath("$.next")
			.doesNotExist();
	}

	@Test
	void sendsSearchWordsToProductServiceAsTyped() {
		this.client.get()
			.uri("/mobile/v1/products?q={q}&limit=3", "Camera+Bag")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backends.service("product-service").requests())
			.containsExactly("product-service GET /products?q=Camera%2BBag&limit=3");
	}

	@Test
	void refusesOverLongIdsAndParametersBeforeAnyCall() {
		String tooLong = "x".repeat(10_000);
		Map<String, String> details = new LinkedHashMap<>();
		details.put("/mobile/v1/orders/" + tooLong, "Path parameter 'id' must look like o-00001");
		details.put("/mobile/v1/products/" + tooLong, "Path parameter 'id' must look like p-0001");
		details.put("/mobile/v1/products/p-1", "Path parameter 'id' must look like p-0001");
		details.put("/mobile/v1/products?q=" + tooLong, "Query parameter 'q' must be at most 100 characters");
		details.put("/mobile/v1/products?category=" + tooLong,
				"Query parameter 'category' must be at most 50 characters");
		details.put("/mobile/v1/orders?cursor=" + tooLong, "Query parameter 'cursor' must be at most 256 characters");
		details.forEach((uri, detail) -> this.client.get()
			.uri(uri)
			.headers(alice())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/bad-request")
			.jsonPath("$.detail")
			.isEqualTo(detail));
		assertThat(backends.requests()).isEmpty();
	}

}
