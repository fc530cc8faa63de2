package io.github.bffsuite.partner;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plan limits through the running gateway, the same on every store: burst and daily quota
 * with draft-10 headers, 429 quota-exceeded answers, and the uncharged usage endpoint.
 * Each test uses a key of its own (tenant globex, plan basic: a burst of 3 a minute and
 * 100 a day here; tenant acme, plan pro: 2 a day) or a tenant of its own (umbrella, plan
 * team: 5 a day for the whole tenant).
 */
abstract class PartnerQuotaContract extends PartnerGatewayTestSupport {

	@Test
	void announcesBothPoliciesAndRefusesABurstWithQuotaExceeded() {
		String key = newKey("globex");
		EntityExchangeResult<byte[]> first = call(key).expectStatus().isOk().expectBody().returnResult();
		assertThat(first.getResponseHeaders().getFirst("RateLimit-Policy"))
			.isEqualTo("\"basic-burst\";q=3;w=60, \"basic-daily\";q=100;w=86400");
		assertThat(first.getResponseHeaders().getFirst("RateLimit"))
			.matches("\"basic-burst\";r=2;t=2\\d, \"basic-daily\";r=99;t=\\d+");
		assertThat(first.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("2");
		assertThat(first.getResponseHeaders().getFirst("RateLimit-Limit")).isNull();
		call(key).expectStatus().isOk();
		call(key).expectStatus().isOk();
		call(key).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueMatches("Retry-After", "1\\d|20")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/quota-exceeded")
			.jsonPath("$['violated-policies']")
			.isEqualTo(List.of("basic-burst"));
	}

	@Test
	void refusesPastTheDailyQuotaUntilTheWindowEnds() {
		String key = newKey("acme");
		call(key).expectStatus().isOk();
		EntityExchangeResult<byte[]> last = call(key).expectStatus().isOk().expectBody().returnResult();
		assertThat(last.getResponseHeaders().getFirst("RateLimit")).contains("\"pro-daily\";r=0;");
		EntityExchangeResult<byte[]> denied = call(key).expectStatus().isEqualTo(429).expectBody().returnResult();
		long retryAfter = Long.parseLong(denied.getResponseHeaders().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 86400L);
		assertThat(new String(denied.getResponseBody())).contains("\"violated-policies\":[\"pro-daily\"]");
	}

	@Test
	void reportsUsageWithTheHeadersNumbersWithoutChargingIt() {
		String key = newKey("globex");
		EntityExchangeResult<byte[]> charged = call(key).expectStatus().isOk().expectBody().returnResult();
		String header = charged.getResponseHeaders().getFirst("RateLimit");
		Map<?, ?> usage = usage(key);
		assertThat(usage.get("plan")).isEqualTo("basic");
		List<?> policies = (List<?>) usage.get("policies");
		Map<?, ?> burst = (Map<?, ?>) policies.get(0);
		Map<?, ?> daily = (Map<?, ?>) policies.get(1);
		assertThat(burst.get("name")).isEqualTo("basic-burst");
		assertThat(burst.get("limit")).isEqualTo(3);
		assertThat(daily.get("name")).isEqualTo("basic-daily");
		assertThat(daily.get("limit")).isEqualTo(100);
		assertThat(daily.get("window")).isEqualTo(86400);
		assertThat(header).contains("\"basic-daily\";r=" + daily.get("remaining") + ";");
		assertThat(daily.get("remaining")).isEqualTo(99);
		// reading it again changes nothing
		for (int i = 0; i < 5; i++) {
			assertThat(((Map<?, ?>) ((List<?>) usage(key).get("policies")).get(1)).get("remaining")).isEqualTo(99);
		}
		assertThat(
				call(key).expectStatus().isOk().expectBody().returnResult().getResponseHeaders().getFirst("RateLimit"))
			.contains("\"basic-daily\";r=98;");
	}

	@Test
	void aRotatedKeysSuccessorInheritsItsSpentQuota() {
		Map<?, ?> spent = createKey("acme");
		call((String) spent.get("key")).expectStatus().isOk();
		call((String) spent.get("key")).expectStatus().isOk();
		call((String) spent.get("key")).expectStatus().isEqualTo(429);
		// rotating a spent key without grace must not renew its daily quota
		Map<?, ?> successor = rotate("acme", spent, "PT0S");
		assertThat(((Map<?, ?>) successor.get("details")).get("clientId"))
			.isEqualTo(((Map<?, ?>) spent.get("details")).get("id"));
		call((String) spent.get("key")).expectStatus().isUnauthorized();
		call((String) successor.get("key")).expectStatus()
			.isEqualTo(429)
			.expectBody()
			.jsonPath("$['violated-policies']")
			.isEqualTo(List.of("pro-daily"));
	}

	@Test
	void aKeyInItsGracePeriodAndItsSuccessorShareOneQuota() {
		Map<?, ?> old = createKey("acme");
		call((String) old.get("key")).expectStatus().isOk();
		Map<?, ?> successor = rotate("acme", old, "PT1H");
		EntityExchangeResult<byte[]> last = call((String) successor.get("key")).expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		assertThat(last.getResponseHeaders().getFirst("RateLimit")).contains("\"pro-daily\";r=0;");
		call((String) old.get("key")).expectStatus().isEqualTo(429);
		call((String) successor.get("key")).expectStatus().isEqualTo(429);
	}

	@Test
	void aTenantWidePlanSharesOneDailyQuotaAcrossKeysAndRotations() {
		// tenant umbrella has plan team here: a burst per key, 5 a day for the tenant
		List<String> keys = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			keys.add((String) createKey("umbrella").get("key"));
		}
		Map<?, ?> rotating = createKey("umbrella");
		keys.add((String) rotate("umbrella", rotating, "PT0S").get("key"));
		int allowed = 0;
		for (int round = 0; round < 3; round++) {
			for (String key : keys) {
				int status = call(key).returnResult(Void.class).getStatus().value();
				assertThat(status).isIn(200, 429);
				allowed += (status == 200) ? 1 : 0;
			}
		}
		assertThat(allowed).isEqualTo(5);
		for (String key : keys) {
			call(key).expectStatus()
				.isEqualTo(429)
				.expectBody()
				.jsonPath("$['violated-policies']")
				.isEqualTo(List.of("team-daily"));
		}
		assertThat(((Map<?, ?>) ((List<?>) usageOf(keys.get(0)).get("policies")).get(1)).get("remaining")).isEqualTo(0);
	}

	Map<?, ?> usageOf(String key) {
		return this.client.get()
			.uri("/partner/v1/usage")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	Map<?, ?> createKey(String tenant) {
		return this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(admin(tenant)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"quota test\",\"scopes\":[\"products:read\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * A key admin's token, of a client of its own: key administration is charged to the
	 * admin's client like any call, and these tests make more keys than a burst allows.
	 */
	static String admin(String tenant) {
		String client = "admin-" + java.util.UUID.randomUUID();
		return keys.token()
			.audience("bff-partner")
			.claim("sub", client)
			.claim("client_id", client)
			.claim("tenant_id", tenant)
			.claim("scope", "keys:admin")
			.build();
	}

	Map<?, ?> rotate(String tenant, Map<?, ?> created, String grace) {
		return rotateKey(admin(tenant), created, grace);
	}

	Map<?, ?> usage(String key) {
		EntityExchangeResult<Map> result = this.client.get()
			.uri("/partner/v1/usage")
			.header("X-API-Key", key)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult();
		Map<?, ?> body = result.getResponseBody();
		Map<?, ?> daily = (Map<?, ?>) ((List<?>) body.get("policies")).get(1);
		// the usage answer carries the same numbers in its own headers
		assertThat(result.getResponseHeaders().getFirst("RateLimit"))
			.contains("\"basic-daily\";r=" + daily.get("remaining") + ";t=" + daily.get("resetSeconds"));
		return body;
	}

	org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec call(String key) {
		return this.client.get().uri("/partner/v2/products/p-0001").header("X-API-Key", key).exchange();
	}

	String newKey(String tenant) {
		return (String) this.client.post()
			.uri("/partner/admin/keys")
			.headers((h) -> h.setBearerAuth(partnerToken(tenant, "keys:admin")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"name\":\"quota test\",\"scopes\":[\"products:read\"]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("key");
	}

}
