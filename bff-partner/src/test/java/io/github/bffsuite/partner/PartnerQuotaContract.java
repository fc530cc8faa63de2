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
 * Each test uses a key of its own (tenant globex, plan basic: a burst of 3 per second and
 * 5 a day here).
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
