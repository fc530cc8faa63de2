package io.github.bffsuite.edge.security;

import java.time.Duration;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code edge.security.rules-default=deny} through a running gateway: only paths a rule
 * names are reachable, whatever routes exist.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.security.rules-default=deny", "edge.security.rules[0].pattern=/echo/orders/**",
				"edge.security.rules[0].scopes=orders:read", "edge.security.rules[1].pattern=/echo/open/**" })
class EdgeSecurityDenyByDefaultTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		registry.add("spring.cloud.gateway.server.webflux.routes[0].id", () -> "echo");
		registry.add("spring.cloud.gateway.server.webflux.routes[0].uri", backend::url);
		registry.add("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", () -> "Path=/echo/**");
	}

	@AfterAll
	static void stopServers() {
		jwks.close();
		backend.close();
	}

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
		backend.clear();
	}

	@Test
	void refusesAPathNoRuleNamesWith403Problem() {
		this.client.get()
			.uri("/echo/users/u-001")
			.headers((headers) -> headers.setBearerAuth(keys.token().claim("scope", "orders:read").build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("WWW-Authenticate")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/access-denied")
			.jsonPath("$.detail")
			.isEqualTo("No access rule grants GET /echo/users/u-001");
		assertThat(backend.received()).isEmpty();
	}

	@Test
	void stillChallengesACallerWithoutCredentials() {
		this.client.get().uri("/echo/users/u-001").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void letsThroughWhatARuleGrants() {
		String token = keys.token().claim("scope", "orders:read").build();
		this.client.get()
			.uri("/echo/orders/o-1")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/echo/open/anything")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk();
		this.client.get()
			.uri("/echo/orders/o-1")
			.headers((headers) -> headers.setBearerAuth(keys.token().claim("scope", "products:read").build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
	}

}
