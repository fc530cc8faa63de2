package io.github.bffsuite.mobile;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.RateLimitFields;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * bff-mobile as configured in its application.yml, through the running gateway, with a
 * real HTTP backend and really signed tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class BffMobileGatewayTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final EchoServer backend = fixture.backend();

	@LocalServerPort
	int port;

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

	@Test
	void routesOrdersOfTheCallerWithIdentity() {
		String token = keys.token().audience("bff-mobile").claim("client_id", "mobile-app").build();
		this.client.get()
			.uri("/api/orders?status=PAID")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().uri()).isEqualTo("/orders?status=PAID");
		assertThat(backend.last().header("X-User-ID")).containsExactly("u-001");
		assertThat(backend.last().header("X-Client-ID")).containsExactly("mobile-app");
	}

	@Test
	void passesTheNegotiatedContentCodingOnToTheServices() {
		String token = keys.token().audience("bff-mobile").claim("client_id", "mobile-app").build();
		this.client.get()
			.uri("/api/orders?status=PAID")
			.headers((h) -> h.setBearerAuth(token))
			.header("Accept-Encoding", "br;q=0, zstd;q=0.1, gzip;q=0.9")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().header("Accept-Encoding")).containsExactly("gzip");
	}

	@Test
	void limitsTheMobileScreensPerUser() {
		// a user of its own, so that the bucket is full
		String token = keys.token()
			.claim("sub", "u-" + UUID.randomUUID())
			.audience("bff-mobile")
			.claim("client_id", "mobile-app")
			.claim("scope", "users:read orders:read products:read")
			.build();
		HttpHeaders headers = this.client.get()
			.uri("/mobile/v1/products/p-0001")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectHeader()
			.valueEquals("X-RateLimit-Limit", "30")
			.expectBody()
			.returnResult()
			.getResponseHeaders();
		// capacity 30, refilled 10 a second: full again after 3 s
		assertThat(RateLimitFields.policies(headers)).containsExactly(entry("mobile-user", Map.of("q", 30L, "w", 3L)));
		assertThat(RateLimitFields.assertDraft10(headers).get("mobile-user").get("r")).isEqualTo(29);
	}

	@Test
	void sendsRateLimitHeadersAsStructuredFieldListsOnScreensAndRoutes() {
		String token = keys.token()
			.audience("bff-mobile")
			.claim("client_id", "mobile-app")
			.claim("scope", "users:read orders:read products:read")
			.build();
		for (String uri : List.of("/mobile/v1/products/p-0001", "/api/orders?status=PAID", "/api/users/me")) {
			HttpHeaders headers = this.client.get()
				.uri(uri)
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectBody()
				.returnResult()
				.getResponseHeaders();
			assertThat(RateLimitFields.policies(headers)).as(uri).containsOnlyKeys("mobile-user");
			assertThat(RateLimitFields.assertDraft10(headers)).as(uri).containsOnlyKeys("mobile-user");
		}
	}

	@Test
	void rejectsTokenIssuedForTheWebGateway() {
		this.client.get()
			.uri("/api/orders")
			.headers((h) -> h.setBearerAuth(keys.token().audience("bff-web").build()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-token");
		assertThat(backend.received()).isEmpty();
	}

	@Test
	void passesRecommendationsOnlyForTheCaller() {
		String token = keys.token().audience("bff-mobile").claim("scope", "products:read").build();
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

	@Test
	void passesTheCallerOnlyThroughTheUsersRoute() {
		String token = keys.token().audience("bff-mobile").claim("scope", "users:read").build();
		this.client.get().uri("/api/users/me").headers((h) -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
		assertThat(backend.last().uri()).isEqualTo("/users/me");
		backend.clear();
		for (String uri : new String[] { "/api/users/u-004", "/api/users?ids=u-001,u-004", "/api/users/me/x" }) {
			this.client.get()
				.uri(uri)
				.headers((h) -> h.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isNotFound()
				.expectHeader()
				.contentType("application/problem+json");
		}
		assertThat(backend.received()).isEmpty();
	}

}
