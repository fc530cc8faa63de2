package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.Map;

import io.github.bffsuite.edge.delivery.CanaryGateways.Gateway;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code canaries} actuator endpoint on a real gateway's management port: read and
 * changed by a caller with the admin scope only, every change audited, and a change seen
 * by the routing at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class CanariesEndpointTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final VersionServer stable = new VersionServer("stable");

	static final VersionServer canary = new VersionServer("canary");

	static Gateway gateway;

	static WebTestClient management;

	static WebTestClient publicPort;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = CanaryGateways.properties(jwks, stable, canary);
		properties.put("edge.delivery.canaries.products.steps", "5,25,50,100");
		properties.put("edge.delivery.canaries.products.step-interval", "1h");
		properties.put("edge.delivery.canaries.products.analysis.enabled", "false");
		properties.put("management.server.port", "0");
		properties.put("management.endpoints.web.exposure.include", "health,canaries,prometheus");
		gateway = CanaryGateways.start(properties);
		management = WebTestClient.bindToServer()
			.baseUrl(gateway.managementUrl())
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		publicPort = WebTestClient.bindToServer()
			.baseUrl(gateway.url())
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@AfterAll
	static void stop() throws Exception {
		gateway.close();
		stable.close();
		canary.close();
		jwks.close();
	}

	static String token(String user, String scope) {
		return keys.token().claim("sub", user).claim("scope", scope).build();
	}

	@Test
	void showsEveryCanaryToAnAdmin() {
		management.get()
			.uri("/actuator/canaries")
			.headers((headers) -> headers.setBearerAuth(token("ops", "canary:admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.canaries.products.route")
			.isEqualTo("products")
			.jsonPath("$.canaries.products.uri")
			.isEqualTo(canary.url())
			.jsonPath("$.canaries.products.status")
			.exists()
			.jsonPath("$.canaries.products.window.stable.requests")
			.exists()
			.jsonPath("$.canaries.products.lastDecision.decision")
			.exists();
	}

	@Test
	void refusesACallerWithoutTheAdminScope() {
		management.get()
			.uri("/actuator/canaries")
			.headers((headers) -> headers.setBearerAuth(token("someone", "products:read")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(token("someone", "products:read")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "set-weight", "weight", 100))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(gateway.state().weight()).isNotEqualTo(100);
	}

	@Test
	void refusesAnAnonymousCaller() {
		management.get().uri("/actuator/canaries").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void isNotOnThePublicPort() {
		publicPort.get()
			.uri("/actuator/canaries")
			.headers((headers) -> headers.setBearerAuth(token("ops", "canary:admin")))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void setsPausesResumesAndResetsTheWeightWithAnAuditLine(CapturedOutput output) {
		String admin = token("ops-alice", "canary:admin");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "set-weight", "weight", 100))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.weight")
			.isEqualTo(100)
			.jsonPath("$.status")
			.isEqualTo("PAUSED")
			.jsonPath("$.lastDecision.by")
			.isEqualTo("ops-alice");
		assertThat(output).contains("canary audit route=products action=set_weight by=ops-alice weight=");
		// every caller is on the canary at once
		canary.clear();
		for (int i = 0; i < 10; i++) {
			gateway.get("/products/" + i, CanaryGateways.user(keys, "user-" + i, "products:read"));
		}
		assertThat(canary.requests()).isEqualTo(10);
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "resume"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PROMOTED");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "pause"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PAUSED");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "reset"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.weight")
			.isEqualTo(5)
			.jsonPath("$.status")
			.isEqualTo("RUNNING");
		assertThat(output).contains("canary audit route=products action=reset by=ops-alice weight=100->5");
		management.get()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.weight")
			.isEqualTo(5)
			.jsonPath("$.lastDecision.decision")
			.isEqualTo("reset");
	}

	@Test
	void exposesBothVersionsToPrometheusForComparison() {
		String admin = token("ops", "canary:admin");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "set-weight", "weight", 50))
			.exchange()
			.expectStatus()
			.isOk();
		for (int i = 0; i < 40; i++) {
			gateway.get("/products/" + i, CanaryGateways.user(keys, "user-" + i, "products:read"));
		}
		String scrape = management.get()
			.uri("/actuator/prometheus")
			.headers((headers) -> headers.setBearerAuth(admin))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("edge_delivery_requests_seconds_bucket{")
			.containsPattern("edge_delivery_requests_seconds_count\\{[^}]*version=\"canary\"")
			.containsPattern("edge_delivery_requests_seconds_count\\{[^}]*version=\"stable\"")
			.contains("edge_delivery_weight{route=\"products\"} 50.0")
			.contains("edge_delivery_decisions_total{decision=\"set_weight\"");
	}

	@Test
	void answersABadChangeWithAProblem() {
		String admin = token("ops", "canary:admin");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "set-weight", "weight", 101))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-canary-change");
		management.post()
			.uri("/actuator/canaries/products")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "explode"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		management.post()
			.uri("/actuator/canaries/orders")
			.headers((headers) -> headers.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("action", "pause"))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

}
