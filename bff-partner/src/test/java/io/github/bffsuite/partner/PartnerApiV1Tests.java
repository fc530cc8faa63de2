package io.github.bffsuite.partner;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Version 1 of the partner API through the running gateway: shapes, tenant isolation,
 * validation problems, deprecation headers, and deny by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerApiV1Tests extends PartnerGatewayTestSupport {

	@Test
	void listsProductsWithV1ShapeAndDeprecationHeaders() {
		this.client.get()
			.uri("/partner/v1/products?category=books&limit=2")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Deprecation", "@1793491200")
			.expectHeader()
			.valueEquals("Sunset", "Wed, 30 Jun 2027 23:59:59 GMT")
			.expectHeader()
			.valueMatches("Link", ".*rel=\"deprecation\".*")
			.expectBody()
			.jsonPath("$.data.length()")
			.isEqualTo(2)
			.jsonPath("$.data[0].id")
			.isEqualTo("p-0001")
			.jsonPath("$.data[0].price")
			.isEqualTo(12.99)
			.jsonPath("$.data[0].priceCents")
			.doesNotExist()
			.jsonPath("$.nextCursor")
			.isEqualTo("cDAwMDI");
		assertThat(backend.requests().get(0).get(":uri")).isEqualTo("/products?category=books&limit=2");
		assertThat(backend.requests().get(0).get("x-tenant-id")).isEqualTo("acme");
	}

	@Test
	void anApiKeyHeldInMemoryTakesTheEdgeFastPath(@Autowired MeterRegistry registry) {
		// keys of the memory store are all in memory: every request of a valid key takes
		// the edge's fused fast path, its checks (revocation, expiry, allowlist) run
		// again
		double before = registry.get("edge.fastpath.requests").tag("path", "fast").counter().count();
		for (int i = 0; i < 3; i++) {
			this.client.get()
				.uri("/partner/v1/products/p-0002")
				.header("X-API-Key", ACME_DEV_KEY)
				.exchange()
				.expectStatus()
				.isOk();
		}
		assertThat(registry.get("edge.fastpath.requests").tag("path", "fast").counter().count() - before).isEqualTo(3);
	}

	@Test
	void getsAProductAndAnswers404ProblemForAnUnknownOne() {
		this.client.get()
			.uri("/partner/v1/products/p-0002")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("p-0002");
		this.client.get()
			.uri("/partner/v1/products/p-0404")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found");
	}

	@Test
	void listsOnlyTheCallersTenantsOrdersWithACursor() {
		String token = partnerToken("globex", "orders:read");
		Map<?, ?> first = this.client.get()
			.uri("/partner/v1/orders?limit=1")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(first.get("nextCursor")).isNotNull();
		this.client.get()
			.uri("/partner/v1/orders?limit=5&cursor=" + first.get("nextCursor"))
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.length()")
			.isEqualTo(1)
			.jsonPath("$.nextCursor")
			.doesNotExist();
		String acmeOrder = backend.orderOf("acme", "PAID");
		this.client.get()
			.uri("/partner/v1/orders/" + acmeOrder)
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(backend.requests())
			.allSatisfy((request) -> assertThat(request.get("x-tenant-id")).isEqualTo("globex"));
	}

	@Test
	void getsAnOrderWithV1Shape() {
		String id = backend.orderOf("acme", "SHIPPED");
		this.client.get()
			.uri("/partner/v1/orders/" + id)
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(id)
			.jsonPath("$.status")
			.isEqualTo("SHIPPED")
			.jsonPath("$.total")
			.isEqualTo(25.98)
			.jsonPath("$.items[0].unitPrice")
			.isEqualTo(12.99)
			.jsonPath("$.createdAt")
			.isNumber()
			.jsonPath("$.tenantId")
			.doesNotExist();
	}

	@Test
	void answersPreciseValidationProblems() {
		this.client.get()
			.uri("/partner/v1/orders?limit=1000&status=LOST&cursor=%25%25")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed")
			.jsonPath("$.errors[?(@.field == 'limit')].reason")
			.isEqualTo("must be an integer from 1 to 100")
			.jsonPath("$.errors[?(@.field == 'status')]")
			.exists()
			.jsonPath("$.errors[?(@.field == 'cursor')]")
			.exists();
		this.client.get()
			.uri("/partner/v1/orders/42")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("id");
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void createsAndCancelsAnOrderWithWriteScope() {
		String token = partnerToken("globex", "orders:read orders:write");
		Map<?, ?> created = this.client.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", "create-cancel-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0003\",\"quantity\":3}]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/partner/v1/orders/o-\\d+")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.get("status")).isEqualTo("PENDING");
		assertThat(created.get("total")).isEqualTo(38.97);
		assertThat(backend.requests().get(0).get("idempotency-key")).startsWith("pk-");
		this.client.post()
			.uri("/partner/v1/orders/" + created.get("id") + "/cancel")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		this.client.post()
			.uri("/partner/v1/orders/" + created.get("id") + "/cancel")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	@Test
	void namesEveryInvalidFieldOfACreateBody() {
		String token = partnerToken("globex", "orders:write");
		this.client.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", "invalid-body-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"x\",\"quantity\":0},{\"productId\":\"p-0001\",\"quantity\":1}]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].productId")
			.jsonPath("$.errors[1].field")
			.isEqualTo("items[0].quantity");
		this.client.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", "invalid-body-2")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0001\",\"quantity\":\"many\"}]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("items[0].quantity");
		this.client.post()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(token))
			.header("Idempotency-Key", "invalid-body-3")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed");
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void partnerReachesOnlyWhatItsScopesName() {
		// the acme dev key has products:read and orders:read only
		this.client.get()
			.uri("/api/users/u-001")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/access-denied");
		this.client.get()
			.uri("/partner/v1/users/u-001")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.post()
			.uri("/partner/v1/orders")
			.header("X-API-Key", ACME_DEV_KEY)
			.header("Idempotency-Key", "no-scope-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"items\":[{\"productId\":\"p-0001\",\"quantity\":1}]}")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
		String productsOnly = partnerToken("acme", "products:read");
		this.client.get()
			.uri("/partner/v1/orders")
			.headers((h) -> h.setBearerAuth(productsOnly))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get().uri("/api/users/u-001").exchange().expectStatus().isUnauthorized();
		assertThat(backend.requests()).isEmpty();
	}

}
