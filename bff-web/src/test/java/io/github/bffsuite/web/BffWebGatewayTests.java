package io.github.bffsuite.web;

import java.util.Map;

import io.github.bffsuite.edge.security.EdgeFastPathInstaller;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.RateLimitFields;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * bff-web as configured in its application.yml, through the running gateway: pass-through
 * routes with prefix rewriting, scope rules, audience, CORS and the management port.
 * Backends are a real HTTP server; tokens are really signed and checked against a real
 * JWKS endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class BffWebGatewayTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final EchoServer backend = fixture.backend();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ApplicationContext context;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry, "user-service", "order-service", "product-service");
	}

	@AfterAll
	static void stop() {
		fixture.close();
	}

	@BeforeEach
	void setUp() {
		this.client = GatewayTestFixture.client(this.port);
		backend.clear();
	}

	String userToken(String scope) {
		return keys.token().audience("bff-web").claim("scope", scope).claim("client_id", "web-app").build();
	}

	@Test
	void aKnownTokenTakesTheEdgeFastPathWithIdentity() {
		// the edge's fused fast path is on for bff-web's routes: the first request
		// validates the token through the security chain, the next ones take the fast
		// path
		String token = userToken("products:read");
		double before = fastPathRequests();
		for (int i = 0; i < 3; i++) {
			this.client.get()
				.uri("/api/products/p-0001")
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
			assertThat(backend.last().header("X-User-ID")).containsExactly("u-001");
		}
		assertThat(fastPathRequests() - before).isEqualTo(2);
		assertThat(this.context.getBean(EdgeFastPathInstaller.class).installed()).hasSize(1);
	}

	double fastPathRequests() {
		return this.context.getBean(MeterRegistry.class)
			.get("edge.fastpath.requests")
			.tag("path", "fast")
			.counter()
			.count();
	}

	@Test
	void routesEachApiPrefixToItsServiceWithIdentity() {
		String token = userToken("users:read orders:read products:read");
		for (String[] call : new String[][] { { "/api/users/me", "/users/me" },
				{ "/api/orders?limit=2", "/orders?limit=2" }, { "/api/products/p-0001", "/products/p-0001" } }) {
			this.client.get().uri(call[0]).headers((h) -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
			EchoServer.Received received = backend.last();
			assertThat(received.uri()).isEqualTo(call[1]);
			assertThat(received.header("X-User-ID")).containsExactly("u-001");
			assertThat(received.header("X-Tenant-ID")).containsExactly("acme");
			assertThat(received.header("X-Client-ID")).containsExactly("web-app");
		}
	}

	@Test
	void requiresOrdersWriteScopeToPlaceOrders() {
		this.client.post()
			.uri("/api/orders")
			.headers((h) -> h.setBearerAuth(userToken("orders:read")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
		this.client.post()
			.uri("/api/orders")
			.headers((h) -> h.setBearerAuth(userToken("orders:read orders:write")))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void sendsRateLimitHeadersAsStructuredFieldLists() {
		String token = userToken("orders:read orders:write");
		HttpHeaders read = this.client.get()
			.uri("/api/orders?limit=2")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseHeaders();
		// capacity 40, refilled 20 a second: full again after 2 s
		assertThat(RateLimitFields.policies(read)).containsExactly(entry("web-user", Map.of("q", 40L, "w", 2L)));
		assertThat(RateLimitFields.assertDraft10(read).get("web-user").get("r")).isBetween(0L, 39L);
		HttpHeaders write = this.client.post()
			.uri("/api/orders")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseHeaders();
		// both policies of the binding, one item each
		assertThat(RateLimitFields.policies(write)).containsExactly(entry("web-user", Map.of("q", 40L, "w", 2L)),
				entry("web-orders-write", Map.of("q", 5L, "w", 10L)));
		assertThat(RateLimitFields.assertDraft10(write)).containsOnlyKeys("web-user", "web-orders-write");
	}

	@Test
	void rejectsTokenIssuedForTheMobileGateway() {
		String mobile = keys.token().audience("bff-mobile").build();
		this.client.get()
			.uri("/api/users/me")
			.headers((h) -> h.setBearerAuth(mobile))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(backend.received()).isEmpty();
	}

	@Test
	void rejectsClientCredentialTokens() {
		String client = keys.token()
			.audience("bff-web")
			.claim("sub", "partner-acme")
			.claim("client_id", "partner-acme")
			.build();
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(client))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(backend.received()).isEmpty();
	}

	@Test
	void answersCorsPreflightForTheWebApp() {
		this.client.options()
			.uri("/api/users/me")
			.header(HttpHeaders.ORIGIN, "http://localhost:3000")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:3000");
		this.client.options()
			.uri("/api/users/me")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void servesHealthOnlyOnTheManagementPortWithoutCredentials() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();
		management.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		management.get()
			.uri("/actuator/env")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 404));
		this.client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
	}

	@Test
	void passesRecommendationsOnlyForTheCaller() {
		String token = keys.token().audience("bff-web").claim("scope", "products:read").build();
		this.client.get()
			.uri("/api/products/recommended?userId=u-001&limit=5")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().uri()).isEqualTo("/products/recommended?userId=u-001&limit=5");
		backend.clear();
		for (String uri : new String[] { "/api/products/recommended?userId=u-002&limit=5",
				"/api/products/recommended?userId=u-001&userId=u-004" }) {
			this.client.get()
				.uri(uri)
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/forbidden");
		}
		assertThat(backend.received()).isEmpty();
	}

}
