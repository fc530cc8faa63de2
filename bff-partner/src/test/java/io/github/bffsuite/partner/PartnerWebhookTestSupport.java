package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running bff-partner with real local webhook receivers: tenant globex has a configured
 * webhook, and the helpers call the webhook admin API as a tenant's admin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.tenants.globex.webhook-secret=whsec-configured-only",
				"edge.partner.events.initial-backoff=100ms", "edge.partner.webhooks.test-timeout=5s" })
abstract class PartnerWebhookTestSupport extends PartnerGatewayTestSupport {

	/**
	 * Dev-only key of tenant acme with plan trial (100 calls a day), from
	 * application.yml.
	 */
	static final String ACME_TRIAL_KEY = "bffk_test_acme_ZyxycvD9MApr6q3p5RG9YsVo64YO8UTZ3Wbu6L";

	static final WebhookReceiver receiver = new WebhookReceiver();

	static final WebhookReceiver configuredReceiver = new WebhookReceiver();

	static {
		// shared by the webhook test classes and their Redis variant: closed when the
		// test JVM ends
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			receiver.close();
			configuredReceiver.close();
		}));
	}

	static final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void configuredWebhook(DynamicPropertyRegistry registry) {
		registry.add("edge.partner.tenants.globex.webhook-url", configuredReceiver::url);
	}

	@BeforeEach
	void resetReceivers() {
		for (WebhookReceiver each : List.of(receiver, configuredReceiver)) {
			each.clear();
			each.failFirst(0);
			each.delay(Duration.ZERO);
			each.answer("");
		}
		this.client.delete().uri("/partner/admin/webhook").headers(admin("acme")).exchange();
		this.client.delete().uri("/partner/admin/webhook").headers(admin("globex")).exchange();
		this.client.delete().uri("/partner/admin/webhook").headers(admin("initech")).exchange();
	}

	static void assertSignedWith(WebhookReceiver.Delivery delivery, String secret) {
		String timestamp = delivery.headers().get("x-signature-timestamp");
		assertThat(Long.parseLong(timestamp)).isCloseTo(System.currentTimeMillis() / 1000,
				org.assertj.core.data.Offset.offset(60L));
		assertThat(delivery.headers().get("x-signature"))
			.isEqualTo("sha256=" + QuotaEventPublisher.sign(secret, timestamp, delivery.body()));
	}

	Map<?, ?> setUrl(String tenant, String url, int status) {
		return this.client.put()
			.uri("/partner/admin/webhook")
			.headers(admin(tenant))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", url))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> rotate(String tenant, String body, int status) {
		return this.client.post()
			.uri("/partner/admin/webhook/rotate")
			.headers(admin(tenant))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> test(String tenant) {
		return this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.post()
			.uri("/partner/admin/webhook/test")
			.headers(admin(tenant))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	static Consumer<HttpHeaders> admin(String tenant) {
		return (headers) -> headers.setBearerAuth(adminToken(tenant));
	}

	/**
	 * A tenant admin's client-credential token on plan pro (600 calls a minute), so that
	 * the many admin calls of these tests never meet the burst limit of plan basic.
	 * @param tenant the tenant
	 * @return the signed token
	 */
	static String adminToken(String tenant) {
		return keys.token()
			.audience("bff-partner")
			.claim("sub", "partner-" + tenant)
			.claim("client_id", "partner-" + tenant)
			.claim("tenant_id", tenant)
			.claim("plan", "pro")
			.claim("scope", "keys:admin")
			.build();
	}

}
