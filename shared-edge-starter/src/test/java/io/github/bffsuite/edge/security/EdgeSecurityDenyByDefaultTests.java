package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final EchoServer backend = fixture.backend();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		GatewayTestFixture.route(registry, 0, "echo", backend::url, "/echo/**");
	}

	@BeforeEach
	void setUp() {
		this.client = GatewayTestFixture.client(this.port);
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
