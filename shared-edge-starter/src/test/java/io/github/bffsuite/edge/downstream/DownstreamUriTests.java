package io.github.bffsuite.edge.downstream;

import org.junit.jupiter.api.Test;

import org.springframework.web.util.DefaultUriBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DownstreamUri}: query values reach the service as they were given.
 */
class DownstreamUriTests {

	private final DefaultUriBuilderFactory factory = new DefaultUriBuilderFactory("http://product-service:9003");

	@Test
	void encodesEveryCharacterOfAValueThatWouldChangeItsMeaning() {
		assertThat(DownstreamUri.path("/products")
			.query("category", "books")
			.query("q", "Camera+Bag & 100% #1")
			.query("cursor", null)
			.query("limit", 20)
			.build(this.factory.builder())).hasToString(
					"http://product-service:9003/products?category=books&q=Camera%2BBag%20%26%20100%25%20%231&limit=20");
	}

	@Test
	void buildsAPathWithoutQuery() {
		assertThat(DownstreamUri.path("/orders/counts").build(this.factory.builder()))
			.hasToString("http://product-service:9003/orders/counts");
	}

}
