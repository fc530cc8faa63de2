package io.github.bffsuite.mobile;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order screens through the running gateway.
 */
class OrderScreensTests extends MobileGatewayTestSupport {

	@Test
	void listsOrdersCompactlyWithACursor() {
		this.client.get()
			.uri("/mobile/v1/orders?limit=2")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(2)
			.jsonPath("$.items[0].id")
			.isEqualTo("o-00007")
			.jsonPath("$.items[0].product.name")
			.isEqualTo("Product 3")
			.jsonPath("$.items[1].itemCount")
			.isEqualTo(1)
			.jsonPath("$.items[0].tenantId")
			.doesNotExist()
			.jsonPath("$.next")
			.isEqualTo("2");
		this.client.get()
			.uri("/mobile/v1/orders?limit=2&cursor=4")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(1)
			.jsonPath("$.items[0].id")
			.isEqualTo("o-00003")
			.jsonPath("$.next")
			.doesNotExist();
		assertThat(backends.service("product-service").requests()).hasSize(2)
			.allSatisfy((request) -> assertThat(request).contains("/products?ids="));
	}

	@Test
	void asksForTheSameProductsWithTheSameBatchWhateverTheirOrder() {
		// o-00006 (p-0005) and o-00005 (p-0003, p-0006, p-0007): sorted and without
		// duplicates, one set of products is one request, so a response cache keeps one
		// entry for it
		this.client.get()
			.uri("/mobile/v1/orders?limit=2&cursor=1")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].product.name")
			.isEqualTo("Product 5")
			.jsonPath("$.items[1].product.name")
			.isEqualTo("Product 3");
		assertThat(backends.service("product-service").requests())
			.containsExactly("product-service GET /products?ids=p-0003,p-0005");
	}

	@Test
	void saysSoWhenTheProductNamesAskedForOnAnOrderAreMissing() {
		// the section is named orders.products on every screen; on an order's detail no
		// mask names "orders", and one that asks for the names must still learn they are
		// missing
		backends.service("product-service").fail("/products?ids=", 500);
		this.client.get()
			.uri("/mobile/v1/orders/o-00005?fields=id,items(name)")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Partial-Response", "orders.products")
			.expectBody()
			.jsonPath("$.partial[0].section")
			.isEqualTo("orders.products")
			.jsonPath("$.items[0].name")
			.doesNotExist();
	}

	@Test
	void refusesALimitOutOfRange() {
		this.client.get()
			.uri("/mobile/v1/orders?limit=500")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Query parameter 'limit' must be an integer from 1 to 50");
		assertThat(backends.requests()).isEmpty();
	}

	@Test
	void showsAnOrderWithItsProductsJoinedByOneBatchCall() {
		this.client.get()
			.uri("/mobile/v1/orders/o-00005")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("o-00005")
			.jsonPath("$.totalCents")
			.isEqualTo(3 * 399 + 699 + 799)
			.jsonPath("$.createdAt")
			.isEqualTo("2025-12-05T10:00:00Z")
			.jsonPath("$.items.length()")
			.isEqualTo(3)
			.jsonPath("$.items[1].productId")
			.isEqualTo("p-0006")
			.jsonPath("$.items[1].name")
			.isEqualTo("Product 6")
			.jsonPath("$.items[1].quantity")
			.isEqualTo(1)
			.jsonPath("$.items[1].unitPriceCents")
			.isEqualTo(699);
		assertThat(backends.service("product-service").requests())
			.containsExactly("product-service GET /products?ids=p-0003,p-0006,p-0007");
	}

	@Test
	void joinsEveryProductOfAnOrderWithMoreProductsThanOneBatchTakes() {
		// 150 lines, the products the catalogue knows last: a lookup cut at the first
		// 100 ids would name none of them
		this.client.get()
			.uri("/mobile/v1/orders/" + MobileBackends.BULK_ORDER)
			.headers((headers) -> headers.setBearerAuth(token("u-009", "umbrella")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(MobileBackends.BULK_LINES)
			.jsonPath("$.items[120].productId")
			.isEqualTo("p-0030")
			.jsonPath("$.items[120].name")
			.isEqualTo("Product 30")
			.jsonPath("$.items[149].productId")
			.isEqualTo("p-0001")
			.jsonPath("$.items[149].name")
			.isEqualTo("Product 1")
			// nothing was left out: an empty list is not written
			.jsonPath("$.partial")
			.doesNotExist();
		List<String> lookups = backends.service("product-service").requests();
		List<String> asked = lookups.stream()
			.flatMap((request) -> Arrays.stream(request.substring(request.indexOf("ids=") + 4).split(",")))
			.toList();
		assertThat(asked).doesNotHaveDuplicates().hasSize(MobileBackends.BULK_LINES);
		assertThat(lookups).hasSize(2);
	}

	@Test
	void hidesAnotherTenantsOrder() {
		this.client.get()
			.uri("/mobile/v1/orders/o-00002")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.detail")
			.isEqualTo("Order o-00002 was not found");
		this.client.get().uri("/mobile/v1/orders/o-00002").headers(carol()).exchange().expectStatus().isOk();
	}

	@Test
	void placesAnOrderWithTheAppsIdempotencyKey() {
		this.client.post()
			.uri("/mobile/v1/orders")
			.headers(erin())
			.header("Idempotency-Key", "place-order-test-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0002\",\"quantity\":2}]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value("Location", (location) -> assertThat(location).startsWith("/mobile/v1/orders/o-"))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING")
			.jsonPath("$.totalCents")
			.isEqualTo(2 * 299)
			.jsonPath("$.items[0].name")
			.isEqualTo("Product 2");
		assertThat(backends.service("order-service").lastHeaders()).containsEntry("idempotency-key",
				"place-order-test-1");
	}

	@Test
	void passesOnWhyOrderServiceRefusedAnOrder() {
		this.client.post()
			.uri("/mobile/v1/orders")
			.headers(erin())
			.header("Idempotency-Key", "place-order-test-2")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-9999\",\"quantity\":1}]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("Unknown product p-9999");
	}

}
