package io.github.bffsuite.samples.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.web.OrderPageView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared set-up of the HTTP tests: one application context on a random port, talking to
 * one real product-service stub. Test classes use distinct users because the store is
 * shared and mutable.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.product-service.timeout=1s", "order.fulfilment.step=300ms" })
abstract class OrderServiceIntegrationTests {

	static final ProductServiceStub productService = new ProductServiceStub();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void productServiceUrl(DynamicPropertyRegistry registry) {
		registry.add("order.product-service.base-url", productService::baseUrl);
	}

	@BeforeEach
	void bindClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(10))
			.build();
	}

	@AfterEach
	void resetProductService() {
		productService.reset();
	}

	/**
	 * Identity headers of a user of the tenant the contract gives them.
	 * @param userId the user, such as {@code u-001}
	 * @return the headers
	 */
	static Consumer<HttpHeaders> user(String userId) {
		return (headers) -> {
			headers.set("X-User-ID", userId);
			headers.set("X-Tenant-ID", tenantOf(userId));
			headers.set("X-Scopes", "orders:read orders:write");
		};
	}

	/**
	 * Identity headers of a partner of a tenant (client credentials, no user).
	 * @param tenantId the tenant
	 * @return the headers
	 */
	static Consumer<HttpHeaders> partner(String tenantId) {
		return (headers) -> {
			headers.set("X-Tenant-ID", tenantId);
			headers.set("X-Client-ID", "partner-" + tenantId);
			headers.set("X-Scopes", "orders:read");
		};
	}

	/**
	 * Return the newest order of a user with a status.
	 * @param userId the user
	 * @param status the status
	 * @return the order
	 */
	Order newestOrder(String userId, OrderStatus status) {
		OrderPageView page = this.client.get()
			.uri("/orders?status={status}&limit=1", status)
			.headers(user(userId))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OrderPageView.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).isNotNull();
		assertThat(page.items()).hasSize(1);
		return page.items().get(0);
	}

	/**
	 * Walk every page of a caller's orders.
	 * @param identity the caller's headers
	 * @param limit the page size
	 * @return the order ids in listing order
	 */
	List<String> walk(Consumer<HttpHeaders> identity, int limit) {
		List<String> ids = new ArrayList<>();
		String cursor = null;
		do {
			Optional<String> current = Optional.ofNullable(cursor);
			OrderPageView page = this.client.get()
				.uri((uri) -> uri.path("/orders")
					.queryParam("limit", limit)
					.queryParamIfPresent("cursor", current)
					.build())
				.headers(identity)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(OrderPageView.class)
				.returnResult()
				.getResponseBody();
			assertThat(page).isNotNull();
			assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
			page.items().forEach((order) -> ids.add(order.id()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return ids;
	}

	static String tenantOf(String userId) {
		int number = Integer.parseInt(userId.substring(2));
		return new String[] { "acme", "globex", "initech" }[(number - 1) % 3];
	}

}
