package io.github.bffsuite.partner;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-service API keys through the running gateway, the same on every store: admin flows
 * with real client-credential tokens, and every way a key is accepted or refused.
 */
abstract class PartnerApiKeyContract extends PartnerGatewayTestSupport {

	@Test
	void adminMakesAKeyWhoseSecretIsShownOnceAndListedMasked() {
		String admin = adminToken("acme");
		Map<?, ?> created = create(admin, "{\"name\":\"order sync\",\"scopes\":[\"orders:read\"]}");
		String key = (String) created.get("key");
		assertThat(key).matches("bffk_test_acme_[0-9A-Za-z]{38}");
		Map<?, ?> details = (Map<?, ?>) created.get("details");
		assertThat(details.get("plan")).isEqualTo("pro");
		assertThat(details.get("status")).isEqualTo("active");
		String listed = this.client.get()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(listed).contains((String) details.get("id"))
			.contains("order sync")
			.contains(key.substring(0, 19) + "…" + key.substring(key.length() - 4))
			.doesNotContain(key);
		// the key works, for what its scopes name only
		get("/partner/v2/orders", key).expectStatus().isOk();
		get("/partner/v2/products", key).expectStatus().isForbidden();
		assertThat(backend.requests().get(0).get("x-client-id")).isEqualTo(details.get("id"));
	}

	@Test
	void recordsWhenAKeyWasLastUsed() {
		String admin = adminToken("acme");
		Map<?, ?> created = create(admin, "{\"name\":\"usage\",\"scopes\":[\"orders:read\"]}");
		get("/partner/v2/orders", (String) created.get("key")).expectStatus().isOk();
		String id = (String) ((Map<?, ?>) created.get("details")).get("id");
		// recorded off the request's path: it may land a moment later
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
		String lastUsed = null;
		while (lastUsed == null && System.nanoTime() < deadline) {
			List<?> keys = (List<?>) this.client.get()
				.uri("/partner/admin/keys")
				.headers((h) -> h.setBearerAuth(admin))
				.exchange()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody()
				.get("data");
			lastUsed = keys.stream()
				.map(Map.class::cast)
				.filter((key) -> id.equals(key.get("id")))
				.map((key) -> (String) key.get("lastUsedAt"))
				.findFirst()
				.orElse(null);
		}
		assertThat(lastUsed).isNotNull();
		assertThat(java.time.Instant.parse(lastUsed)).isBefore(java.time.Instant.now().plusSeconds(1));
	}

	@Test
	void refusesAdminsOfOtherTenantsAndApiKeys() {
		Map<?, ?> created = create(adminToken("acme"), "{\"name\":\"mine\",\"scopes\":[\"orders:read\"]}");
		String id = (String) ((Map<?, ?>) created.get("details")).get("id");
		this.client.delete()
			.uri("/partner/admin/keys/" + id)
			.headers((h) -> h.setBearerAuth(adminToken("globex")))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.client.get()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(adminToken("globex")))
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain(id));
		this.client.get()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(partnerToken("acme", "orders:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.client.get()
			.uri("/partner/admin/keys")
			.header("X-API-Key", (String) created.get("key"))
			.exchange()
			.expectStatus()
			.isForbidden();
		get("/partner/v2/orders", (String) created.get("key")).expectStatus().isOk();
	}

	@Test
	void validatesCreateRequestsFieldByField() {
		this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(adminToken("acme")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"\",\"scopes\":[\"keys:admin\"],\"allowedIps\":[\"10.0.0.0/99\"],"
					+ "\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("name", "scopes[0]",
					"allowedIps[0]", "expiresAt"));
	}

	@Test
	void refusesMalformedKeysBeforeAnyLookupAndUnknownOnesAfter() {
		String good = ACME_DEV_KEY;
		String mistyped = good.substring(0, 20) + (good.charAt(20) == 'x' ? 'y' : 'x') + good.substring(21);
		get("/partner/v2/orders", mistyped).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-api-key")
			.jsonPath("$.reason")
			.isEqualTo("malformed");
		get("/partner/v2/orders", "bffk_acme_devonly_4Qm8ZpX2vT7nR1sK9wL3yB6cF0hJ5dGe").expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("malformed");
		get("/partner/v2/orders", io.github.bffsuite.edge.security.apikey.ApiKeyFormat.generate("test", "acme"))
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("unknown");
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void refusesARevokedKey() {
		String admin = adminToken("globex");
		Map<?, ?> created = create(admin, "{\"name\":\"to revoke\",\"scopes\":[\"orders:read\"]}");
		String key = (String) created.get("key");
		get("/partner/v2/orders", key).expectStatus().isOk();
		this.client.delete()
			.uri("/partner/admin/keys/" + ((Map<?, ?>) created.get("details")).get("id"))
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("revoked");
		get("/partner/v2/orders", key).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("revoked");
	}

	@Test
	void refusesAnExpiredKey() throws InterruptedException {
		Instant soon = Instant.now().plusSeconds(2);
		Map<?, ?> created = create(adminToken("acme"),
				"{\"name\":\"short\",\"scopes\":[\"orders:read\"],\"expiresAt\":\"" + soon + "\"}");
		String key = (String) created.get("key");
		get("/partner/v2/orders", key).expectStatus().isOk();
		Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 100);
		get("/partner/v2/orders", key).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("expired");
	}

	@Test
	void rotatesAKeyKeepingTheOldOneForTheGracePeriod() {
		String admin = adminToken("acme");
		Map<?, ?> created = create(admin, "{\"name\":\"rotating\",\"scopes\":[\"orders:read\"]}");
		String old = (String) created.get("key");
		String id = (String) ((Map<?, ?>) created.get("details")).get("id");
		Map<?, ?> rotated = this.client.post()
			.uri("/partner/admin/keys/" + id + "/rotate")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"gracePeriod\":\"PT1H\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		String fresh = (String) rotated.get("key");
		assertThat(fresh).isNotEqualTo(old);
		assertThat(((Map<?, ?>) rotated.get("details")).get("name")).isEqualTo("rotating");
		get("/partner/v2/orders", old).expectStatus().isOk();
		get("/partner/v2/orders", fresh).expectStatus().isOk();
		// rotating again without grace retires the previous key at once
		String freshId = (String) ((Map<?, ?>) rotated.get("details")).get("id");
		this.client.post()
			.uri("/partner/admin/keys/" + freshId + "/rotate")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isCreated();
		get("/partner/v2/orders", fresh).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("expired");
		this.client.post()
			.uri("/partner/admin/keys/" + id + "/rotate")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"gracePeriod\":\"P30D\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("gracePeriod");
	}

	@Test
	void refusesAKeyUsedFromAnAddressOutsideItsAllowlist() {
		String admin = adminToken("acme");
		String elsewhere = (String) create(admin,
				"{\"name\":\"office\",\"scopes\":[\"orders:read\"],\"allowedIps\":[\"203.0.113.0/24\"]}")
			.get("key");
		get("/partner/v2/orders", elsewhere).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("address-not-allowed");
		String local = (String) create(admin,
				"{\"name\":\"local\",\"scopes\":[\"orders:read\"],\"allowedIps\":[\"127.0.0.0/8\",\"::1\"]}")
			.get("key");
		get("/partner/v2/orders", local).expectStatus().isOk();
	}

	@Test
	void rotationsNeitherAddKeysPastTheLimitNorKeepAChainsOldestKey() {
		// a tenant of its own, at its limit of 20 keys
		String tenant = "rotor-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		String admin = adminToken(tenant);
		Map<?, ?> first = create(admin, "{\"name\":\"chain\",\"scopes\":[\"orders:read\"]}");
		for (int i = 1; i < 20; i++) {
			create(admin, "{\"name\":\"filler\",\"scopes\":[\"orders:read\"]}");
		}
		tooMany(admin);
		List<Map<?, ?>> chain = new java.util.ArrayList<>(List.of(first));
		for (int i = 0; i < 3; i++) {
			chain.add(rotateKey(admin, chain.get(chain.size() - 1), "P7D"));
		}
		// a chain keeps one key in its grace period: the latest rotation ended the
		// earlier ones
		get("/partner/v2/orders", (String) chain.get(0).get("key")).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.reason")
			.isEqualTo("expired");
		get("/partner/v2/orders", (String) chain.get(1).get("key")).expectStatus().isUnauthorized();
		get("/partner/v2/orders", (String) chain.get(2).get("key")).expectStatus().isOk();
		get("/partner/v2/orders", (String) chain.get(3).get("key")).expectStatus().isOk();
		List<?> active = list(admin).stream()
			.filter((key) -> "active".equals(((Map<?, ?>) key).get("status")))
			.toList();
		assertThat(active).hasSize(21);
		Object clientId = ((Map<?, ?>) first.get("details")).get("id");
		assertThat(active.stream().filter((key) -> clientId.equals(((Map<?, ?>) key).get("clientId")))).hasSize(2);
		tooMany(admin);
	}

	@Test
	void aGracePeriodEndsWhenItSaysToTheMillisecond() {
		String admin = adminToken("acme");
		Map<?, ?> created = create(admin, "{\"name\":\"graceful\",\"scopes\":[\"orders:read\"]}");
		java.time.Instant before = java.time.Instant.now();
		rotateKey(admin, created, "PT5S");
		Object id = ((Map<?, ?>) created.get("details")).get("id");
		Map<?, ?> old = list(admin).stream()
			.filter((key) -> id.equals(((Map<?, ?>) key).get("id")))
			.findFirst()
			.orElseThrow();
		java.time.Instant expiresAt = java.time.Instant.parse((String) old.get("expiresAt"));
		assertThat(java.time.Duration.between(before, expiresAt))
			.isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(5))
			.isLessThan(java.time.Duration.ofSeconds(60));
	}

	@Test
	void listsAConfiguredKeyWithItsMaskedHintAndCreationDate() {
		Map<?, ?> dev = list(adminToken("acme")).stream()
			.filter((key) -> "acme-dev".equals(((Map<?, ?>) key).get("id")))
			.findFirst()
			.orElseThrow();
		assertThat(dev.get("hint")).isEqualTo("bffk_test_acme_pVHR\u2026fuyj");
		assertThat(dev.get("createdAt")).isEqualTo("2026-11-01T00:00:00Z");
		assertThat(dev.get("clientId")).isEqualTo("acme-dev");
	}

	List<Map<?, ?>> list(String admin) {
		Map<?, ?> page = this.client.get()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return ((List<?>) page.get("data")).stream().<Map<?, ?>>map((key) -> (Map<?, ?>) key).toList();
	}

	void tooMany(String admin) {
		this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"one too many\",\"scopes\":[\"orders:read\"]}")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/key-limit-reached");
	}

	static String adminToken(String tenant) {
		return partnerToken(tenant, "keys:admin orders:read");
	}

	Map<?, ?> create(String adminToken, String body) {
		return this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(adminToken))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	WebTestClient.ResponseSpec get(String uri, String key) {
		return this.client.get().uri(uri).header("X-API-Key", key).exchange();
	}

}
