package io.github.bffsuite.mobile;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field mask that leaves out a section also leaves out the downstream calls only that
 * section needs. Calls are counted with the gateway's own client metrics
 * ({@code edge.downstream.requests}, read from the management port's Prometheus
 * endpoint), and checked against what the stand-in services received.
 */
class MaskedScreenCallsTests extends MobileGatewayTestSupport {

	private static final Pattern DOWNSTREAM_COUNT = Pattern
		.compile("(?m)^edge_downstream_requests_seconds_count\\{([^}]*)\\} (\\S+)$");

	private static final Pattern DOWNSTREAM_TAG = Pattern.compile("downstream=\"([^\"]+)\"");

	@LocalManagementPort
	int managementPort;

	@Test
	void homeWithOnlyTheUserCallsOnlyUserService() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/home?fields=user")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user.firstName")
			.isEqualTo("Alice")
			.jsonPath("$.orders")
			.doesNotExist();
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("user-service")).isEqualTo(1.0);
		assertThat(calls.get("order-service")).isZero();
		assertThat(calls.get("product-service")).isZero();
		assertThat(backends.requests()).containsExactly("user-service GET /users/me");
	}

	@Test
	void homeWithoutProductNamesSkipsTheProductBatchAndTheCounts() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/home?fields=orders(id,status,product(id))")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Partial-Response")
			.expectBody()
			.jsonPath("$.orders.length()")
			.isEqualTo(3)
			.jsonPath("$.orders[0].product.id")
			.isEqualTo("p-0003")
			.jsonPath("$.user")
			.doesNotExist();
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("user-service")).isZero();
		assertThat(calls.get("product-service")).isZero();
		assertThat(backends.requests()).containsExactly("order-service GET /orders?limit=3");
	}

	@Test
	void homeWithProductNamesStillJoinsThem() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/home?fields=orders(product(name))")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.orders[0].product.name")
			.isEqualTo("Product 3");
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("product-service")).isEqualTo(1.0);
		assertThat(calls.get("user-service")).isZero();
	}

	@Test
	void homeWithRecommendationsAndBadgesCallsOnlyForThem() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/home?fields=recommended(id),badges")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.recommended.length()")
			.isEqualTo(5)
			.jsonPath("$.badges.activeOrders")
			.isEqualTo(3);
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("product-service")).isEqualTo(1.0);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("user-service")).isZero();
		assertThat(backends.requests()).containsExactlyInAnyOrder("order-service GET /orders/counts",
				"product-service GET /products/recommended?userId=u-001&limit=5");
	}

	@Test
	void aUserServiceOutageDoesNotFailAHomeThatDoesNotShowTheUser() {
		backends.service("user-service").fail("/users/me", 503);
		this.client.get()
			.uri("/mobile/v1/home?fields=badges")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.badges.activeOrders")
			.isEqualTo(3);
		assertThat(backends.service("user-service").requests()).isEmpty();
	}

	@Test
	void orderListWithoutProductNamesSkipsTheProductBatch() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/orders?fields=items(id,status),next")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(5);
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("product-service")).isZero();
	}

	@Test
	void orderDetailWithoutProductNamesSkipsTheProductBatch() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/orders/o-00005?fields=id,status,items(productId,quantity)")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(3)
			.jsonPath("$.items[0].name")
			.doesNotExist();
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("product-service")).isZero();
	}

	@Test
	void orderDetailWithProductThumbnailsJoinsThem() {
		Map<String, Double> before = downstreamCalls();
		this.client.get()
			.uri("/mobile/v1/orders/o-00005?fields=items(thumb)")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].thumb")
			.isEqualTo("https://img.bff-suite.dev/products/p-0003/thumb.webp");
		Map<String, Double> calls = callsSince(before);
		assertThat(calls.get("order-service")).isEqualTo(1.0);
		assertThat(calls.get("product-service")).isEqualTo(1.0);
	}

	private Map<String, Double> callsSince(Map<String, Double> before) {
		Map<String, Double> after = downstreamCalls();
		Map<String, Double> calls = new HashMap<>();
		for (String name : new String[] { "user-service", "order-service", "product-service" }) {
			calls.put(name, after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0));
		}
		return calls;
	}

	/**
	 * Calls made to each downstream so far, summed over methods, statuses and outcomes of
	 * the starter's {@code edge.downstream.requests} timer.
	 */
	private Map<String, Double> downstreamCalls() {
		String scrape = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build()
			.get()
			.uri("/actuator/prometheus?includedNames=edge_downstream_requests_seconds")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Map<String, Double> calls = new HashMap<>();
		Matcher line = DOWNSTREAM_COUNT.matcher((scrape != null) ? scrape : "");
		while (line.find()) {
			Matcher downstream = DOWNSTREAM_TAG.matcher(line.group(1));
			if (downstream.find()) {
				calls.merge(downstream.group(1), Double.parseDouble(line.group(2)), Double::sum);
			}
		}
		return calls;
	}

}
