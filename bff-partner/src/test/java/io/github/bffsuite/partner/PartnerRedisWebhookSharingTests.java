package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two bff-partner instances with the redis profile sharing one real Redis: a webhook set
 * and rotated through one is the one the other signs with, and a trial key's calls spread
 * over both send each quota event once, to that webhook.
 */
class PartnerRedisWebhookSharingTests {

	// the JWKS of the keys PartnerGatewayTestSupport.partnerToken signs with
	static final GatewayTestFixture fixture = PartnerGatewayTestSupport.fixture;

	static final SampleBackend backend = new SampleBackend();

	static final WebhookReceiver receiver = new WebhookReceiver();

	static final JsonMapper json = JsonMapper.builder().build();

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		// closed when the test JVM ends: see PartnerRedisKeyRevocationTests
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			receiver.close();
			backend.close();
		}));
		String run = "test-partner-webhook-sharing-" + UUID.randomUUID() + ":";
		first = start(run);
		second = start(run);
	}

	static ConfigurableApplicationContext start(String run) {
		return PartnerGatewayTestSupport.startRedisInstance(run, backend,
				"--edge.partner.events.initial-backoff=100ms");
	}

	@Test
	void aWebhookSetAndRotatedOnOneInstanceIsTheOneTheOtherSignsWith() {
		String admin = PartnerWebhookTestSupport.adminToken("acme");
		String secret = (String) client(first).put()
			.uri("/partner/admin/webhook")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", receiver.url()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("secret");
		String rotated = (String) client(first).post()
			.uri("/partner/admin/webhook/rotate")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"overlap\":\"PT10M\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("secret");
		client(second).post()
			.uri("/partner/admin/webhook/test")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.delivered")
			.isEqualTo(true);
		WebhookReceiver.Delivery test = receiver.deliveries().get(0);
		String timestamp = test.headers().get("x-signature-timestamp");
		assertThat(test.headers().get("x-signature"))
			.isEqualTo("sha256=" + QuotaEventPublisher.sign(rotated, timestamp, test.body()) + ", sha256="
					+ QuotaEventPublisher.sign(secret, timestamp, test.body()));
		// the dev trial key (100 a day) used on both instances: each threshold is crossed
		// once
		receiver.clear();
		String key = PartnerWebhookTestSupport.ACME_TRIAL_KEY;
		for (int i = 0; i < 100; i++) {
			client((i % 2 == 0) ? first : second).get()
				.uri("/partner/v2/orders?limit=1")
				.header("X-API-Key", key)
				.exchange()
				.expectStatus()
				.isOk();
		}
		client(first).get()
			.uri("/partner/v2/orders?limit=1")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isEqualTo(429);
		PartnerQuotaEventTests.await(() -> receiver.deliveries().size() >= 2);
		List<Object> thresholds = receiver.deliveries().stream().map((delivery) -> {
			String at = delivery.headers().get("x-signature-timestamp");
			assertThat(delivery.headers().get("x-signature"))
				.isEqualTo("sha256=" + QuotaEventPublisher.sign(rotated, at, delivery.body()) + ", sha256="
						+ QuotaEventPublisher.sign(secret, at, delivery.body()));
			return json.readValue(delivery.body(), Map.class).get("threshold");
		}).toList();
		assertThat(thresholds).containsExactlyInAnyOrder(80, 100);
	}

	static WebTestClient client(ConfigurableApplicationContext context) {
		return PartnerGatewayTestSupport.client(context).mutate().responseTimeout(Duration.ofSeconds(30)).build();
	}

}
