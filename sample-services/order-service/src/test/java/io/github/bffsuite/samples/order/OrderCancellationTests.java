package io.github.bffsuite.samples.order;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderStatus;

/**
 * Cancelling orders over HTTP. Uses seeded orders of users {@code u-040} to
 * {@code u-049}, which no fulfilment advances because nobody created or watched them.
 */
class OrderCancellationTests extends OrderServiceIntegrationTests {

	@Test
	void cancelsAPendingOrderOnce() {
		Order order = newestOrder("u-040", OrderStatus.PENDING);
		cancel("u-040", order.id()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(order.id())
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
		expectConflict(cancel("u-040", order.id()));
		this.client.get()
			.uri("/orders/{id}", order.id())
			.headers(user("u-040"))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void cancelsAPaidOrder() {
		Order order = newestOrder("u-041", OrderStatus.PAID);
		cancel("u-041", order.id()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
	}

	@Test
	void refusesToCancelShippedDeliveredOrCancelledOrders() {
		for (OrderStatus status : new OrderStatus[] { OrderStatus.SHIPPED, OrderStatus.DELIVERED,
				OrderStatus.CANCELLED }) {
			Order order = newestOrder("u-042", status);
			expectConflict(cancel("u-042", order.id()));
		}
	}

	@Test
	void letsOnlyTheOwnerCancel() {
		Order order = newestOrder("u-043", OrderStatus.PENDING);
		// u-046 shares u-043's tenant (acme), u-044 does not
		cancel("u-046", order.id()).expectStatus().isNotFound();
		cancel("u-044", order.id()).expectStatus().isNotFound();
		this.client.post()
			.uri("/orders/{id}/cancel", order.id())
			.headers(partner("acme"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.get()
			.uri("/orders/{id}", order.id())
			.headers(user("u-043"))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING");
	}

	@Test
	void letsAPartnerWithWriteScopeCancelItsTenantsOrdersOnly() {
		Order order = newestOrder("u-047", OrderStatus.PENDING);
		String otherTenant = tenantOf("u-047").equals("acme") ? "globex" : "acme";
		this.client.post()
			.uri("/orders/{id}/cancel", order.id())
			.headers(partner(otherTenant))
			.headers((headers) -> headers.set("X-Scopes", "orders:read orders:write"))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.post()
			.uri("/orders/{id}/cancel", order.id())
			.headers(partner(tenantOf("u-047")))
			.headers((headers) -> headers.set("X-Scopes", "orders:read orders:write"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("CANCELLED");
	}

	@Test
	void answers400ForMalformedIdAnd404ForUnknownOrder() {
		cancel("u-043", "o-1").expectStatus().isBadRequest();
		cancel("u-043", "o-999999").expectStatus().isNotFound();
	}

	private ResponseSpec cancel(String userId, String id) {
		return this.client.post().uri("/orders/{id}/cancel", id).headers(user(userId)).exchange();
	}

	private static void expectConflict(ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/conflict");
	}

}
