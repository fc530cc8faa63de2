package io.github.bffsuite.partner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook a partner's admin runs itself, through the running gateway: set, read,
 * replace and delete its URL, rotate its secret with an overlap during which events carry
 * both signatures, send a signed test event to a real local receiver, and see the trial
 * key's 80% and 100% quota events arrive at the webhook set through the API. Tenant
 * globex has a configured webhook that the API one takes precedence over.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.tenants.globex.webhook-secret=whsec-configured-only",
				"edge.partner.events.initial-backoff=100ms", "edge.partner.webhooks.test-timeout=5s" })
class PartnerWebhookAdminTests extends PartnerGatewayTestSupport {

	/**
	 * Dev-only key of tenant acme with plan trial (100 calls a day), from
	 * application.yml.
	 */
	static final String ACME_TRIAL_KEY = "bffk_test_acme_ZyxycvD9MApr6q3p5RG9YsVo64YO8UTZ3Wbu6L";

	static final WebhookReceiver receiver = new WebhookReceiver();

	static final WebhookReceiver configuredReceiver = new WebhookReceiver();

	static {
		// shared with the Redis variant of these tests: closed when the test JVM ends
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

	@Test
	void theDocumentedReceiverVerifiesTheSignaturesTheGatewaySends() throws Exception {
		Path script = Path.of("..", "docs", "examples", "webhook-receiver.py");
		assertThat(Files.readString(Path.of("..", "docs", "partner.md")))
			.as("docs/partner.md shows docs/examples/webhook-receiver.py as it is")
			.contains(Files.readString(script));
		assertThat(python())
			.as("python3 (3.9 or later) on the PATH runs the documented receiver; install it, "
					+ "such as with apt-get install python3")
			.isNotNull();
		String secret = (String) setUrl("acme", "http://placeholder.example/", 201).get("secret");
		assertThat(runReceiver(script, secret, true)).startsWith("verified ").contains("\"type\":\"webhook.test\"");
		// during an overlap the receiver that still has the old secret verifies too
		rotate("acme", "{\"overlap\":\"PT1H\"}", 200);
		assertThat(runReceiver(script, secret, true)).startsWith("verified ");
		assertThat(runReceiver(script, "whsec_not_the_secret", false)).startsWith("REJECTED ");
	}

	String runReceiver(Path script, String secret, boolean verified) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path output = Files.createTempFile("webhook-receiver", ".log");
		ProcessBuilder builder = new ProcessBuilder(python(), script.toString(), Integer.toString(port))
			.redirectErrorStream(false)
			.redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("WEBHOOK_SECRET", secret);
		Process process = builder.start();
		try {
			PartnerQuotaEventTests.await(() -> {
				try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
					return true;
				}
				catch (IOException ex) {
					return !process.isAlive();
				}
			});
			assertThat(process.isAlive()).as("the receiver started").isTrue();
			setUrl("acme", "http://127.0.0.1:" + port + "/hooks", 200);
			Map<?, ?> result = test("acme");
			assertThat(result.get("status")).isEqualTo(verified ? 204 : 401);
			PartnerQuotaEventTests.await(() -> readString(output).contains("\n"));
			return readString(output);
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
			Files.deleteIfExists(output);
		}
	}

	static String readString(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String python() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "python3");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	@Test
	void documentsTheWebhookAdministrationInTheAdminGroup() {
		Map<?, ?> admin = this.client.get()
			.uri("/v3/api-docs/admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Map<?, ?> paths = (Map<?, ?>) admin.get("paths");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook")).keySet()).map(Object::toString)
			.containsExactlyInAnyOrder("get", "put", "delete");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook/rotate")).keySet()).map(Object::toString)
			.containsExactly("post");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook/test")).keySet()).map(Object::toString)
			.containsExactly("post");
		Map<?, ?> put = (Map<?, ?>) ((Map<?, ?>) paths.get("/partner/admin/webhook")).get("put");
		assertThat(((Map<?, ?>) put.get("responses")).keySet()).map(Object::toString)
			.contains("200", "201", "400", "401", "403", "429");
		Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) admin.get("components")).get("schemas");
		assertThat(schemas.keySet()).map(Object::toString)
			.contains("WebhookView", "WebhookChange", "WebhookTestResult", "SetWebhookUrl", "RotateWebhookSecret");
		// the key rotation's body keeps its own schema
		assertThat(schemas.get("Rotate").toString()).contains("gracePeriod").doesNotContain("overlap");
		assertThat(schemas.get("RotateWebhookSecret").toString()).contains("overlap");
		assertThat(schemas.get("WebhookView").toString()).contains("secretHint").doesNotContain("\"secret\"");
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
