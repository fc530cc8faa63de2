package io.github.bffsuite.partner;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 2 of the partner API through the running gateway: money as amount and currency,
 * RFC 3339 timestamps, no deprecation headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerApiV2Tests extends PartnerGatewayTestSupport {

	@Test
	void listsProductsWithMoneyAndNoDeprecationHeaders() {
		this.client.get()
			.uri("/partner/v2/products?category=books")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Deprecation")
			.expectHeader()
			.doesNotExist("Sunset")
			.expectBody()
			.jsonPath("$.data[0].price.amount")
			.isEqualTo("12.99")
			.jsonPath("$.data[0].price.currency")
			.isEqualTo("EUR")
			.jsonPath("$.nextCursor")
			.doesNotExist();
	}

	@Test
	void keepsTheDetailOfAServiceRefusalAndHidesTheBodyOfAServiceFailure() {
		this.client.get()
			.uri("/partner/v2/products/p-0404")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.detail")
			.isEqualTo("Product p-0404 not found");
		String body = this.client.get()
			.uri("/partner/v2/products/p-0500")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body)
			.contains("https://bff-suite.dev/problems/bad-gateway", "Service 'product-service' answered 500")
			.doesNotContain("internal", "NullPointerException");
	}

	@Test
	void getsAnOrderWithMoneyAndRfc3339Timestamps() {
		String id = backend.orderOf("acme", "PAID");
		this.client.get()
			.uri("/partner/v2/orders/" + id)
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total.amount")
			.isEqualTo("25.98")
			.jsonPath("$.total.currency")
			.isEqualTo("EUR")
			.jsonPath("$.items[0].unitPrice.amount")
			.isEqualTo("12.99")
			.jsonPath("$.items[0].lineTotal.amount")
			.isEqualTo("25.98")
			.jsonPath("$.createdAt")
			.value((String value) -> assertThat(value).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"))
			.jsonPath("$.updatedAt")
			.isEqualTo("2026-11-02T10:00:00Z");
	}

	@Test
	void createsAnOrderAndPointsAtItsV2Location() {
		Map<?, ?> created = this.client.post()
			.uri("/partner/v2/orders")
			.headers((h) -> h.setBearerAuth(partnerToken("acme", "orders:read orders:write")))
			.header("Idempotency-Key", "v2-create-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0001\",\"quantity\":1}]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/partner/v2/orders/o-\\d+")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.get("total")).isEqualTo(Map.of("amount", "12.99", "currency", "EUR"));
	}

	@Test
	void sendsSearchWordsToProductServiceAsTyped() {
		this.client.get()
			.uri("/partner/v2/products?q={q}&category=books", "Camera+Bag")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.requests("GET", "/products")).singleElement()
			.satisfies((request) -> assertThat(request.get(":uri"))
				.isEqualTo("/products?category=books&q=Camera%2BBag&limit=20"));
	}

	@Test
	void refusesOverLongIdsAndSearchesAsValidationProblemsInBothVersions() {
		String tooLong = "x".repeat(10_000);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("/partner/v2/orders/" + tooLong, "id");
		fields.put("/partner/v1/orders/" + tooLong, "id");
		fields.put("/partner/v2/products/" + tooLong, "id");
		fields.put("/partner/v2/products?q=" + tooLong, "q");
		fields.put("/partner/v1/products?category=" + tooLong, "category");
		fields.put("/partner/v2/orders?cursor=" + tooLong, "cursor");
		fields.forEach((uri, field) -> this.client.get()
			.uri(uri)
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field));
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void bodiesThatCannotBeReadAnswerAProblemWithTheRequestId() {
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("not json at all", "body");
		bodies.put("{\"items\":\"not a list\"}", "items");
		bodies.forEach((body, field) -> this.client.post()
			.uri("/partner/v2/orders")
			.header("Authorization", "Bearer " + partnerToken("acme", "orders:write"))
			.header("Idempotency-Key", java.util.UUID.randomUUID().toString())
			.header("X-Request-Id", "req-body-" + field)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.requestId")
			.isEqualTo("req-body-" + field));
	}

	@Test
	void thePublicPortHasNoActuatorEndpoints() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/liveness", "/actuator/info",
				"/actuator/prometheus" }) {
			this.client.get()
				.uri(path)
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/not-found");
		}
	}

}
