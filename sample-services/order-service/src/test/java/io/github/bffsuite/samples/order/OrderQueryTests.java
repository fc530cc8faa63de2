package io.github.bffsuite.samples.order;

import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.data.SampleOrders;
import io.github.bffsuite.samples.order.web.OrderPageView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing and reading orders over HTTP. Uses users {@code u-020} to {@code u-029}.
 */
class OrderQueryTests extends OrderServiceIntegrationTests {

	@Test
	void listsOnlyTheCallersOrdersNewestFirst() {
		OrderPageView page = list("u-020", "/orders?limit=100");
		assertThat(page.items()).isNotEmpty().allSatisfy((order) -> {
			assertThat(order.userId()).isEqualTo("u-020");
			assertThat(order.tenantId()).isEqualTo("globex");
		});
		assertThat(page.items()).extracting(Order::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
	}

	@Test
	void countsTheCallersOrdersByStatus() {
		List<Order> seeded = SampleOrders.generate()
			.stream()
			.filter((order) -> order.userId().equals("u-025"))
			.toList();
		this.client.get()
			.uri("/orders/counts")
			.headers(user("u-025"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.total")
			.isEqualTo(seeded.size())
			.jsonPath("$.byStatus.DELIVERED")
			.isEqualTo((int) seeded.stream().filter((order) -> order.status() == OrderStatus.DELIVERED).count())
			.jsonPath("$.byStatus.CANCELLED")
			.isEqualTo((int) seeded.stream().filter((order) -> order.status() == OrderStatus.CANCELLED).count());
	}

	@Test
	void listsTwentyOrdersByDefault() {
		OrderPageView page = list("u-020", "/orders");
		assertThat(page.items()).hasSize(20);
		assertThat(page.nextCursor()).isNotBlank();
	}

	@Test
	void seedsTheSameOrdersEveryTime() {
		List<Order> first = SampleOrders.generate();
		assertThat(first).hasSize(20_000).isEqualTo(SampleOrders.generate());
		assertThat(first.get(0).id()).isEqualTo("o-00001");
		assertThat(first).allSatisfy((order) -> {
			int user = Integer.parseInt(order.userId().substring(2));
			assertThat(order.tenantId()).isEqualTo(tenantOf(order.userId()));
			assertThat(user).isBetween(1, 200);
			assertThat(order.items()).hasSizeBetween(1, 4);
			assertThat(order.createdAt()).isBefore(java.time.Instant.parse("2026-01-01T00:00:00Z"));
			assertThat(order.totalCents()).isEqualTo(Order.total(order.items()));
		});
	}

	@Test
	void walksAllPagesWithoutDuplicates() {
		List<String> ids = walk(user("u-024"), 7);
		long expected = SampleOrders.generate().stream().filter((order) -> order.userId().equals("u-024")).count();
		assertThat(ids).hasSize((int) expected).doesNotHaveDuplicates();
		assertThat(ids).isEqualTo(walk(user("u-024"), 100));
	}

	@Test
	void listsTheWholeTenantForAPartner() {
		OrderPageView page = this.client.get()
			.uri("/orders?limit=100")
			.headers(partner("initech"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OrderPageView.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).isNotNull();
		assertThat(page.items()).hasSize(100).allSatisfy((order) -> assertThat(order.tenantId()).isEqualTo("initech"));
		assertThat(new HashSet<>(page.items().stream().map(Order::userId).toList())).hasSizeGreaterThan(1);
	}

	@Test
	void filtersByStatusInAnyLetterCase() {
		OrderPageView page = list("u-021", "/orders?status=delivered&limit=100");
		assertThat(page.items()).isNotEmpty()
			.allSatisfy((order) -> assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED));
	}

	@Test
	void answers401WithoutUserOrClient() {
		this.client.get()
			.uri("/orders")
			.header("X-Tenant-ID", "acme")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/unauthenticated");
	}

	@Test
	void answers401WithoutTenant() {
		this.client.get()
			.uri("/orders")
			.header("X-User-ID", "u-001")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.get().uri("/orders/o-00001").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void rejectsLimitOutsideOneToHundred() {
		for (String limit : List.of("0", "101", "-1", "ten")) {
			expectBadRequest("/orders?limit=" + limit);
		}
	}

	@Test
	void rejectsUnknownStatus() {
		expectBadRequest("/orders?status=LOST");
	}

	@Test
	void rejectsMalformedCursor() {
		expectBadRequest("/orders?cursor=not-a-cursor!");
		expectBadRequest("/orders?cursor=Zm9vfGJhcg");
	}

	@Test
	void readsAnOrderOfTheCaller() {
		Order order = list("u-022", "/orders?limit=1").items().get(0);
		this.client.get()
			.uri("/orders/{id}", order.id())
			.headers(user("u-022"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Order.class)
			.isEqualTo(order);
	}

	@Test
	void hidesOrdersOfOtherTenantsAndOtherUsers() {
		Order order = list("u-020", "/orders?limit=1").items().get(0);
		// u-021 is in initech, u-023 in globex like u-020
		for (String other : List.of("u-021", "u-023")) {
			this.client.get()
				.uri("/orders/{id}", order.id())
				.headers(user(other))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}
		this.client.get()
			.uri("/orders/{id}", order.id())
			.headers(partner("acme"))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get().uri("/orders/{id}", order.id()).headers(partner("globex")).exchange().expectStatus().isOk();
	}

	@Test
	void answers404ForUnknownOrderAnd400ForMalformedId() {
		this.client.get().uri("/orders/o-999999").headers(user("u-020")).exchange().expectStatus().isNotFound();
		expectBadRequest("/orders/order-1");
	}

	private OrderPageView list(String userId, String uri) {
		OrderPageView page = this.client.get()
			.uri(uri)
			.headers(user(userId))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(OrderPageView.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).isNotNull();
		return page;
	}

	private void expectBadRequest(String uri) {
		this.client.get()
			.uri(uri)
			.headers(user("u-020"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/bad-request");
	}

}
