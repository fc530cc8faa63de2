package io.github.bffsuite.edge.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Gateway;
import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Reply;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RateLimitFields;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Both header syntaxes through running gateways (memory store): draft-10 by default, read
 * back by a structured-field parser, and draft-07 behind
 * {@code edge.rate-limit.header-syntax}.
 */
class RateLimitHeaderSyntaxTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static Gateway draft10;

	static Gateway draft07;

	@BeforeAll
	static void startGateways() {
		draft10 = RateLimitGateways.start(properties(null));
		draft07 = RateLimitGateways.start(properties("draft-07"));
	}

	private static Map<String, Object> properties(String syntax) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.putAll(jwks.gatewayProperties());
		properties.put("edge.rate-limit.store", "memory");
		EdgeRateLimitIntegrationTests.policy(properties, "web-user", 3, 1, "1s", "user");
		EdgeRateLimitIntegrationTests.policy(properties, "web-daily", 0, 1, "1s", "user");
		properties.put("edge.rate-limit.policies.web-daily.quotas[0].limit", "1000");
		properties.put("edge.rate-limit.policies.web-daily.quotas[0].window", "1d");
		properties.put("edge.rate-limit.bindings[0].pattern", "/hello");
		properties.put("edge.rate-limit.bindings[0].policies", "web-user,web-daily");
		if (syntax != null) {
			properties.put("edge.rate-limit.header-syntax", syntax);
		}
		return properties;
	}

	@AfterAll
	static void stopGateways() {
		RateLimitGateways.closeAll(draft10, draft07, jwks);
	}

	static Consumer<HttpHeaders> user() {
		String token = keys.token().claim("sub", "u-" + UUID.randomUUID()).build();
		return (headers) -> headers.setBearerAuth(token);
	}

	@Test
	void sendsStructuredDraft10ListsByDefault() {
		Consumer<HttpHeaders> user = user();
		Reply reply = draft10.get("/hello", user);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(RateLimitFields.policies(reply.headers())).containsExactly(
				entry("web-user", Map.of("q", 3L, "w", 3L)), entry("web-daily", Map.of("q", 1000L, "w", 86400L)));
		Map<String, Map<String, Long>> limits = RateLimitFields.assertDraft10(reply.headers());
		assertThat(limits.get("web-user").get("r")).isEqualTo(2);
		assertThat(limits.get("web-daily").get("r")).isEqualTo(999);
		assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("2");
		draft10.get("/hello", user);
		draft10.get("/hello", user);
		Reply denied = draft10.get("/hello", user);
		assertThat(denied.status()).isEqualTo(429);
		assertThat(denied.body()).contains("https://bff-suite.dev/problems/quota-exceeded")
			.contains("\"violated-policies\":[\"web-user\"]");
		assertThat(RateLimitFields.assertDraft10(denied.headers()).get("web-user").get("r")).isZero();
	}

	@Test
	void keepsTheDraft07FieldsBehindTheProperty() {
		Consumer<HttpHeaders> user = user();
		Reply reply = draft07.get("/hello", user);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("RateLimit-Limit")).isEqualTo("3");
		assertThat(reply.header("RateLimit-Remaining")).isEqualTo("2");
		assertThat(reply.header("RateLimit-Reset")).isEqualTo("1");
		assertThat(reply.header("RateLimit-Policy")).isEqualTo("1;w=1;burst=3, 1000;w=86400");
		assertThat(reply.headers("RateLimit")).isEmpty();
		draft07.get("/hello", user);
		draft07.get("/hello", user);
		Reply denied = draft07.get("/hello", user);
		assertThat(denied.status()).isEqualTo(429);
		assertThat(denied.body()).contains("https://bff-suite.dev/problems/rate-limited");
	}

}
