package io.github.bffsuite.samples.order;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderItem;
import io.github.bffsuite.samples.order.data.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placing orders over HTTP against a real product-service stub. Uses users {@code u-030}
 * to {@code u-039}.
 */
class OrderCreationTests extends OrderServiceIntegrationTests {

	private static final String TWO_LINES = """
			{"items":[{"productId":"p-0001","quantity":2},{"productId":"p-0042","quantity":1}]}""";

	@Test
	void createsOrderAtProductServicePricesWithoutForwardingIdentity() {
		EntityExchangeResult<Order> result = post("u-030", "key-create-1", TWO_LINES).expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult();
		Order order = result.getResponseBody();
		assertThat(order).isNotNull();
		assertThat(result.getResponseHeaders().getLocation()).hasToString("/orders/" + order.id());
		assertThat(order.userId()).isEqualTo("u-030");
		assertThat(order.tenantId()).isEqualTo("initech");
		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.items()).containsExactly(new OrderItem("p-0001", 2, 199), new OrderItem("p-0042", 1, 4299));
		assertThat(order.totalCents()).isEqualTo(2 * 199 + 4299);
		// the public catalogue: product-service does not read identity headers, and with
		// signed identities would refuse them without a token signed for it
		for (String identity : List.of("X-User-ID", "X-Tenant-ID", "X-Scopes", "X-Client-ID")) {
			assertThat(productService.lastHeaders().contains(identity)).as(identity).isFalse();
		}
		this.client.get().uri("/orders/{id}", order.id()).headers(user("u-030")).exchange().expectStatus().isOk();
	}

	@Test
	void readsProductServiceAnswersOfEveryShape() {
		int key = 0;
		for (ProductServiceStub.Shape shape : ProductServiceStub.Shape.values()) {
			productService.shape(shape);
			post("u-031", "key-shape-" + key++, TWO_LINES).expectStatus()
				.isCreated()
				.expectBody()
				.jsonPath("$.totalCents")
				.isEqualTo(2 * 199 + 4299);
		}
	}

	@Test
	void replaysTheFirstResponseForTheSameKey() {
		int before = walk(user("u-032"), 100).size();
		EntityExchangeResult<byte[]> first = post("u-032", "key-replay-1", TWO_LINES).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		int calls = productService.calls();
		EntityExchangeResult<byte[]> second = post("u-032", "key-replay-1", TWO_LINES).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody()
			.returnResult();
		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(second.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		assertThat(productService.calls()).isEqualTo(calls);
		assertThat(walk(user("u-032"), 100)).hasSize(before + 1);
	}

	@Test
	void createsExactlyOneOrderForConcurrentRequestsWithTheSameKey() {
		int before = walk(user("u-033"), 100).size();
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<Response> responses = Flux.range(0, 10)
			.flatMap((i) -> webClient.post()
				.uri("/orders")
				.headers(user("u-033"))
				.header("Idempotency-Key", "key-concurrent-1")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(TWO_LINES)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.map((body) -> new Response(response.statusCode(), body))))
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(responses).hasSize(10).allSatisfy((response) -> {
			assertThat(response.status().value()).isEqualTo(201);
			assertThat(response.body()).isEqualTo(responses.get(0).body());
		});
		assertThat(walk(user("u-033"), 100)).hasSize(before + 1);
	}

	@Test
	void scopesKeysPerUser() {
		Order first = post("u-034", "key-shared-1", TWO_LINES).expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		Order second = post("u-037", "key-shared-1", TWO_LINES).expectStatus()
			.isCreated()
			.expectBody(Order.class)
			.returnResult()
			.getResponseBody();
		assertThat(first).isNotNull();
		assertThat(second).isNotNull();
		assertThat(second.id()).isNotEqualTo(first.id());
	}

	@Test
	void answers422WhenAKeyIsReusedWithAnotherBody() {
		post("u-035", "key-reuse-1", TWO_LINES).expectStatus().isCreated();
		post("u-035", "key-reuse-1", """
				{"items":[{"productId":"p-0001","quantity":3}]}""").expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/idempotency-key-reused");
	}

	@Test
	void requiresAWellFormedIdempotencyKey() {
		this.client.post()
			.uri("/orders")
			.headers(user("u-036"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(TWO_LINES)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("Idempotency-Key"));
		expectBadRequest(post("u-036", "k".repeat(129), TWO_LINES));
		expectBadRequest(post("u-036", "no spaces", TWO_LINES));
	}

	@Test
	void rejectsUnknownFields() {
		expectBadRequest(post("u-036", "key-unknown-1", """
				{"items":[{"productId":"p-0001","quantity":2}],"coupon":"FREE"}"""));
		expectBadRequest(post("u-036", "key-unknown-2", """
				{"items":[{"productId":"p-0001","quantity":2,"priceCents":1}]}"""));
	}

	@Test
	void rejectsMalformedJson() {
		expectBadRequest(post("u-036", "key-malformed-1", "{\"items\":["));
		expectBadRequest(
				post("u-036", "key-malformed-2", "{\"items\":[{\"productId\":\"p-0001\",\"quantity\":\"x\"}]}"));
		expectBadRequest(post("u-036", "key-malformed-3", "[]"));
		expectBadRequest(post("u-036", "key-malformed-4", "{} {}"));
	}

	@Test
	void rejectsInvalidLines() {
		String tooMany = Flux.range(1, 51)
			.map((i) -> "{\"productId\":\"p-%04d\",\"quantity\":1}".formatted(i))
			.collect(Collectors.joining(",", "{\"items\":[", "]}"))
			.block();
		List<String> bodies = List.of("{}", "{\"items\":[]}", "{\"items\":[null]}", tooMany,
				"{\"items\":[{\"productId\":\"p-0001\",\"quantity\":0}]}",
				"{\"items\":[{\"productId\":\"p-0001\",\"quantity\":101}]}", "{\"items\":[{\"productId\":\"p-0001\"}]}",
				"{\"items\":[{\"productId\":\"x-1\",\"quantity\":1}]}",
				"{\"items\":[{\"productId\":\"p-0000\",\"quantity\":1}]}");
		int calls = productService.calls();
		for (int i = 0; i < bodies.size(); i++) {
			expectBadRequest(post("u-036", "key-invalid-" + i, bodies.get(i)));
		}
		assertThat(productService.calls()).isEqualTo(calls);
	}

	@Test
	void rejectsUnknownProductNamingIt() {
		post("u-036", "key-unknown-product-1",
				"""
						{"items":[{"productId":"p-0001","quantity":1},{"productId":"%s","quantity":1}]}"""
					.formatted(ProductServiceStub.UNKNOWN_PRODUCT))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains(ProductServiceStub.UNKNOWN_PRODUCT));
	}

	@Test
	void answers503WithinTheTimeoutWhenProductServiceIsSlow() {
		productService.mode(ProductServiceStub.Mode.SLOW);
		long start = System.nanoTime();
		expectDownstreamUnavailable(post("u-038", "key-slow-1", TWO_LINES));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void answers503WhenProductServiceFailsOrHangsUp() {
		productService.mode(ProductServiceStub.Mode.FAILING);
		expectDownstreamUnavailable(post("u-038", "key-failing-1", TWO_LINES));
		productService.mode(ProductServiceStub.Mode.DISCONNECT);
		expectDownstreamUnavailable(post("u-038", "key-failing-2", TWO_LINES));
	}

	@Test
	void letsAFailedAttemptBeRetriedWithTheSameKey() {
		productService.mode(ProductServiceStub.Mode.FAILING);
		expectDownstreamUnavailable(post("u-039", "key-retry-1", TWO_LINES));
		productService.mode(ProductServiceStub.Mode.NORMAL);
		post("u-039", "key-retry-1", TWO_LINES).expectStatus().isCreated();
	}

	@Test
	void letsAPartnerWithWriteScopePlaceAnOrderForItsTenant() {
		this.client.post()
			.uri("/orders")
			.headers(partner("globex"))
			.headers((headers) -> headers.set("X-Scopes", "orders:read orders:write"))
			.header("Idempotency-Key", "key-partner-write-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(TWO_LINES)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.tenantId")
			.isEqualTo("globex")
			.jsonPath("$.userId")
			.isEqualTo("partner-globex");
	}

	@Test
	void requiresAUserToPlaceAnOrder() {
		this.client.post()
			.uri("/orders")
			.headers(partner("acme"))
			.header("Idempotency-Key", "key-partner-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(TWO_LINES)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.post()
			.uri("/orders")
			.header("Idempotency-Key", "key-anonymous-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{")
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private ResponseSpec post(String userId, String key, String body) {
		return this.client.post()
			.uri("/orders")
			.headers(user(userId))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private static void expectBadRequest(ResponseSpec response) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/bad-request");
	}

	private static void expectDownstreamUnavailable(ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/downstream-unavailable");
	}

	private record Response(HttpStatusCode status, String body) {

	}

}
