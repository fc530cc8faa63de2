package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook a partner's admin runs itself, through the running gateway: set, read,
 * replace and delete its URL, rotate its secret with an overlap during which events carry
 * both signatures, send a signed test event to a real local receiver, and see the trial
 * key's 80% and 100% quota events arrive at the webhook set through the API. Tenant
 * globex has a configured webhook that the API one takes precedence over.
 */
class PartnerWebhookAdminTests extends PartnerWebhookTestSupport {

	@Test
	void setsReadsReplacesAndDeletesTheTenantsWebhookShowingItsSecretOnce() {
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		Map<?, ?> created = setUrl("acme", "https://partner.example/hooks/bff", 201);
		String secret = (String) created.get("secret");
		assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
		Map<?, ?> view = (Map<?, ?>) created.get("webhook");
		assertThat(view.get("url")).isEqualTo("https://partner.example/hooks/bff");
		assertThat(view.get("source")).isEqualTo("api");
		assertThat(view.get("secretHint")).isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
		String read = this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(read).contains("https://partner.example/hooks/bff").doesNotContain(secret);
		// replacing the URL keeps the secret, and does not show it again
		Map<?, ?> replaced = setUrl("acme", "http://partner.example:8443/v2/hooks?source=bff", 200);
		assertThat(replaced.containsKey("secret")).isFalse();
		assertThat(((Map<?, ?>) replaced.get("webhook")).get("secretHint")).isEqualTo(view.get("secretHint"));
		// another tenant's admin sees only its own: none
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("initech"))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/partner/admin/webhook")
			.headers(admin("initech"))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.delete()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isNoContent();
		this.client.get().uri("/partner/admin/webhook").headers(admin("acme")).exchange().expectStatus().isNotFound();
	}

	@Test
	void refusesUrlsThatAreNotAbsoluteHttpOrNameLinkLocalOrMetadataAddresses() {
		for (String url : List.of("ftp://partner.example/hooks", "/hooks/bff", "partner.example/hooks",
				"javascript:alert(1)", "http://169.254.169.254/latest/meta-data/", "http://169.254.169.254./",
				"http://[fd00:ec2::254]/latest", "http://[::ffff:169.254.169.254]/", "http://[fe80::1]/",
				"http://2852039166/", "http://0xA9FEA9FE/", "http://0251.0376.0251.0376/", "http://169.254.43518/",
				"http://metadata.google.internal/computeMetadata/v1/", "http://0.0.0.0:8080/",
				"https://user:password@partner.example/hooks", "https://partner.example/hooks#frag",
				"http://exa mple.com/", "https://partner.example/" + "a".repeat(2100), "   ")) {
			this.client.put()
				.uri("/partner/admin/webhook")
				.headers(admin("acme"))
				.header("X-Request-ID", "req-webhook-url")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("url", url))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/invalid-webhook-url")
				.jsonPath("$.requestId")
				.isEqualTo("req-webhook-url")
				.jsonPath("$.errors[0].field")
				.isEqualTo("url");
		}
		this.client.put()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-webhook-url");
		this.client.put()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"url\":42,")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed");
		// nothing was stored; a dev receiver on this machine is allowed by the dev
		// default
		this.client.get().uri("/partner/admin/webhook").headers(admin("acme")).exchange().expectStatus().isNotFound();
		setUrl("acme", "http://localhost:9999/hooks", 201);
	}

	@Test
	void refusesCallersThatAreNotTheTenantsAdmin() {
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers((headers) -> headers.setBearerAuth(partnerToken("acme", "orders:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.put()
			.uri("/partner/admin/webhook")
			.header("X-API-Key", ACME_DEV_KEY)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("url", "https://partner.example/hooks"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.client.post().uri("/partner/admin/webhook/test").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void sendsASignedTestEventAndAnswersWhatTheReceiverAnswered() {
		String secret = (String) setUrl("acme", receiver.url(), 201).get("secret");
		Map<?, ?> result = test("acme");
		assertThat(result.get("delivered")).isEqualTo(true);
		assertThat(result.get("status")).isEqualTo(204);
		assertThat(((Number) result.get("durationMillis")).longValue()).isBetween(0L, 5000L);
		assertThat(result.get("url")).isEqualTo(receiver.url());
		assertThat(receiver.deliveries()).hasSize(1);
		WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
		assertThat(delivery.headers().get("x-event-type")).isEqualTo("webhook.test");
		// the admin's identity, request id and trace stay inside: the receiver is a third
		// party
		assertThat(delivery.headers()).doesNotContainKeys("x-user-id", "x-tenant-id", "x-scopes", "x-client-id",
				"x-plan", "x-request-id", "authorization", "traceparent");
		assertThat(delivery.headers().get("x-event-id")).isEqualTo(result.get("eventId"));
		assertSignedWith(delivery, secret);
		Map<?, ?> event = json.readValue(delivery.body(), Map.class);
		assertThat(event.get("type")).isEqualTo("webhook.test");
		assertThat(event.get("tenant")).isEqualTo("acme");
		// a failing receiver: its status, and a bounded excerpt of what it said
		receiver.failFirst(1);
		receiver.answer("x".repeat(100_000));
		Map<?, ?> failed = test("acme");
		assertThat(failed.get("delivered")).as(failed.toString()).isEqualTo(false);
		assertThat(failed.get("status")).as(failed.toString()).isEqualTo(503);
		assertThat(failed.get("status")).isEqualTo(503);
		assertThat((String) failed.get("bodyExcerpt")).startsWith("xxxx").hasSizeLessThanOrEqualTo(201);
		// a receiver that does not answer in time, and one that is not there
		receiver.answer("");
		receiver.delay(Duration.ofSeconds(30));
		Map<?, ?> slow = test("acme");
		assertThat(slow.get("delivered")).isEqualTo(false);
		assertThat(slow.get("status")).isNull();
		assertThat((String) slow.get("error")).startsWith("no answer within");
		DisposableServer gone = HttpServer.create().host("127.0.0.1").port(0).bindNow();
		String goneUrl = "http://127.0.0.1:" + gone.port() + "/hooks";
		gone.disposeNow();
		setUrl("acme", goneUrl, 200);
		Map<?, ?> refused = test("acme");
		assertThat(refused.get("delivered")).isEqualTo(false);
		assertThat(refused.get("error")).isEqualTo("connection refused");
	}

	@Test
	void rotatesTheSecretWithAnOverlapDuringWhichEventsCarryBothSignatures() {
		String first = (String) setUrl("acme", receiver.url(), 201).get("secret");
		Map<?, ?> rotated = rotate("acme", "{\"overlap\":\"PT1H\"}", 200);
		String second = (String) rotated.get("secret");
		assertThat(second).startsWith("whsec_").isNotEqualTo(first);
		Map<?, ?> view = (Map<?, ?>) rotated.get("webhook");
		assertThat(view.get("previousSecretHint")).isEqualTo("whsec_…" + first.substring(first.length() - 4));
		assertThat((String) view.get("previousSecretExpiresAt")).isNotNull();
		test("acme");
		WebhookReceiver.Delivery overlapping = receiver.deliveries().get(0);
		String timestamp = overlapping.headers().get("x-signature-timestamp");
		assertThat(overlapping.headers().get("x-signature"))
			.isEqualTo("sha256=" + QuotaEventPublisher.sign(second, timestamp, overlapping.body()) + ", sha256="
					+ QuotaEventPublisher.sign(first, timestamp, overlapping.body()));
		// without an overlap the replaced secret stops signing at once
		String third = (String) rotate("acme", "{\"overlap\":\"PT0S\"}", 200).get("secret");
		receiver.clear();
		test("acme");
		assertSignedWith(receiver.deliveries().get(0), third);
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("acme"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.previousSecretHint")
			.doesNotExist();
		rotate("acme", "{\"overlap\":\"P30D\"}", 400);
		rotate("acme", "{\"overlap\":\"soon\"}", 400);
		rotate("acme", "{\"overlap\":\"-PT1H\"}", 400);
		this.client.delete().uri("/partner/admin/webhook").headers(admin("acme")).exchange();
		rotate("acme", "{}", 404);
	}

	@Test
	void theWebhookSetThroughTheApiTakesPrecedenceOverTheConfiguredOne() {
		this.client.get()
			.uri("/partner/admin/webhook")
			.headers(admin("globex"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.source")
			.isEqualTo("configuration")
			.jsonPath("$.url")
			.isEqualTo(configuredReceiver.url())
			.jsonPath("$.secretHint")
			.isEqualTo("…only");
		test("globex");
		assertThat(configuredReceiver.deliveries()).hasSize(1);
		assertSignedWith(configuredReceiver.deliveries().get(0), "whsec-configured-only");
		String secret = (String) setUrl("globex", receiver.url(), 201).get("secret");
		test("globex");
		assertThat(configuredReceiver.deliveries()).hasSize(1);
		assertThat(receiver.deliveries()).hasSize(1);
		assertSignedWith(receiver.deliveries().get(0), secret);
		// deleted: the configured one applies again
		this.client.delete()
			.uri("/partner/admin/webhook")
			.headers(admin("globex"))
			.exchange()
			.expectStatus()
			.isNoContent();
		test("globex");
		assertThat(configuredReceiver.deliveries()).hasSize(2);
	}

	@Test
	void theTrialKeysQuotaEventsReachTheWebhookSetThroughTheApi() {
		// as README's partner quick start: acme's admin sets the webhook, the dev trial
		// key
		// (100 calls a day) makes 100 calls
		String secret = (String) setUrl("acme", receiver.url(), 201).get("secret");
		String key = ACME_TRIAL_KEY;
		for (int i = 1; i <= 100; i++) {
			this.client.get()
				.uri("/partner/v2/orders?limit=1")
				.header("X-API-Key", key)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.value("RateLimit-Policy", (policy) -> assertThat(policy).contains("\"trial-daily\";q=100;w=86400"));
		}
		this.client.get()
			.uri("/partner/v2/orders?limit=1")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$.violated-policies[0]")
			.isEqualTo("trial-daily");
		PartnerQuotaEventTests.await(() -> receiver.deliveries().size() >= 2);
		List<Map<?, ?>> events = receiver.deliveries().stream().<Map<?, ?>>map((delivery) -> {
			assertSignedWith(delivery, secret);
			assertThat(delivery.headers()).doesNotContainKeys("x-user-id", "x-tenant-id", "x-scopes", "x-client-id",
					"x-plan", "x-request-id", "authorization");
			return json.readValue(delivery.body(), Map.class);
		}).toList();
		assertThat(events.stream().map((event) -> (Object) event.get("threshold"))).containsExactlyInAnyOrder(80, 100);
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.get("tenant")).isEqualTo("acme");
			assertThat(event.get("clientId")).isEqualTo("acme-trial");
			assertThat(event.get("plan")).isEqualTo("trial");
			assertThat(event.get("policy")).isEqualTo("trial-daily");
			assertThat(event.get("limit")).isEqualTo(100);
		});
	}

}
