package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quota events through the running gateway to a real local webhook receiver: tenant acme
 * (plan pro, here 5 requests a day) gets a signed event at 80% and at 100% of its daily
 * quota, retried when the receiver fails, without slowing the requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.rate-limit.policies.pro-daily.quotas[0].limit=5",
				"edge.partner.tenants.acme.webhook-secret=whsec-test-only", "edge.partner.events.initial-backoff=100ms",
				"edge.partner.events.timeout=5s" })
class PartnerQuotaEventTests extends PartnerGatewayTestSupport {

	static final WebhookReceiver receiver = new WebhookReceiver();

	static {
		// shared with the Redis variant of these tests: closed when the test JVM ends
		Runtime.getRuntime().addShutdownHook(new Thread(receiver::close));
	}

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("edge.partner.tenants.acme.webhook-url", receiver::url);
	}

	@BeforeEach
	void resetReceiver() {
		receiver.clear();
		receiver.failFirst(0);
		receiver.delay(Duration.ZERO);
	}

	@Test
	void postsSignedEventsAt80And100PercentOfTheDailyQuotaAndRetriesFailures() {
		receiver.failFirst(1);
		String key = newKey();
		for (int i = 0; i < 5; i++) {
			call(key);
		}
		await(() -> receiver.deliveries().size() >= 4);
		List<WebhookReceiver.Delivery> deliveries = receiver.deliveries();
		assertThat(deliveries).hasSize(4);
		List<Map<?, ?>> events = deliveries.stream().map((delivery) -> {
			String timestamp = delivery.headers().get("x-signature-timestamp");
			assertThat(delivery.headers().get("x-signature"))
				.isEqualTo("sha256=" + QuotaEventPublisher.sign("whsec-test-only", timestamp, delivery.body()));
			assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
					org.assertj.core.data.Offset.offset(30L));
			assertThat(delivery.headers().get("content-type")).startsWith("application/json");
			return (Map<?, ?>) json.readValue(delivery.body(), Map.class);
		}).<Map<?, ?>>map((event) -> event).toList();
		// each event failed once (503) and was delivered again, with the same id and body
		assertThat(events.stream().map((event) -> (Object) event.get("threshold")).distinct())
			.containsExactlyInAnyOrder(80, 100);
		assertThat(events.stream().map((event) -> event.get("id")).distinct()).hasSize(2);
		Map<?, ?> eighty = events.stream().filter((event) -> event.get("threshold").equals(80)).findFirst().get();
		assertThat(eighty.get("type")).isEqualTo("quota.threshold_reached");
		assertThat(eighty.get("tenant")).isEqualTo("acme");
		assertThat(eighty.get("policy")).isEqualTo("pro-daily");
		assertThat(eighty.get("plan")).isEqualTo("pro");
		assertThat(eighty.get("limit")).isEqualTo(5);
		assertThat(eighty.get("used")).isEqualTo(4);
		assertThat(eighty.get("remaining")).isEqualTo(1);
		assertThat((String) eighty.get("resetAt")).endsWith("T00:00:00Z");
		// past the quota: refused, and no further event
		this.client.get().uri("/partner/v2/orders").header("X-API-Key", key).exchange().expectStatus().isEqualTo(429);
		assertThat(receiver.deliveries()).hasSize(4);
	}

	@Test
	void neverSlowsTheRequestThatCrossesAThreshold() {
		receiver.delay(Duration.ofSeconds(3));
		String key = newKey();
		for (int i = 0; i < 3; i++) {
			call(key);
		}
		long start = System.nanoTime();
		call(key);
		Duration crossing = Duration.ofNanos(System.nanoTime() - start);
		assertThat(crossing).isLessThan(Duration.ofSeconds(2));
		await(() -> receiver.deliveries().size() == 1);
	}

	void call(String key) {
		this.client.get().uri("/partner/v2/orders").header("X-API-Key", key).exchange().expectStatus().isOk();
	}

	String newKey() {
		return (String) this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(partnerToken("acme", "keys:admin")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"events\",\"scopes\":[\"orders:read\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("key");
	}

	static void await(Supplier<Boolean> condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!condition.get()) {
			assertThat(System.nanoTime()).as("waited 15 s").isLessThan(deadline);
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
