package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook administration with bff-partner's redis profile: webhooks kept in a real
 * Redis, where every gateway instance reads them.
 */
@ActiveProfiles("redis")
class PartnerWebhookAdminRedisTests extends PartnerWebhookAdminTests {

	static final String PREFIX = "test-partner-webhook-" + UUID.randomUUID() + ":";

	@Autowired
	ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redisStores(registry);
		registry.add("edge.partner.webhooks.redis-key-prefix", () -> PREFIX);
	}

	@Test
	void keepsTheWebhookInRedisWhereEveryInstanceReadsIt() {
		String secret = (String) setUrl("acme", receiver.url(), 201).get("secret");
		Map<String, String> stored = this.redis.<String, String>opsForHash()
			.entries(PREFIX + "{acme}")
			.collectMap(Map.Entry::getKey, Map.Entry::getValue)
			.block(Duration.ofSeconds(10));
		assertThat(stored).containsEntry("url", receiver.url()).containsEntry("secret", secret);
		// what another instance writes is what this one reads and signs with
		this.redis.<String, String>opsForHash()
			.put(PREFIX + "{acme}", "secret", "whsec_written_by_another_instance")
			.block(Duration.ofSeconds(10));
		test("acme");
		assertSignedWith(receiver.deliveries().get(0), "whsec_written_by_another_instance");
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.secretHint")
			.isEqualTo("whsec_…ance");
	}

}
