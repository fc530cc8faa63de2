package io.github.bffsuite.partner;

import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
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
 * bff-partner as configured in its application.yml: the dev-only API keys it declares
 * (hashed) and partner client-credential tokens, through the running gateway to a real
 * HTTP backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class BffPartnerGatewayTests {

	/** Dev-only key declared (as a hash) in bff-partner's application.yml and README. */
	static final String ACME_DEV_KEY = "bffk_acme_devonly_4Qm8ZpX2vT7nR1sK9wL3yB6cF0hJ5dGe";

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
	void acceptsDevApiKeyAndSendsTheTenant() {
		this.client.get()
			.uri("/api/products?category=books")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk();
		EchoServer.Received received = backend.last();
		assertThat(received.uri()).isEqualTo("/products?category=books");
		assertThat(received.header("X-Tenant-ID")).containsExactly("acme");
		assertThat(received.header("X-Client-ID")).containsExactly("acme-dev");
		assertThat(received.header("X-User-ID")).isEmpty();
	}

	@Test
	void acceptsPartnerClientCredentialTokenAsAClientNotAUser() {
		String token = keys.token()
			.audience("bff-partner")
			.claim("sub", "partner-globex")
			.claim("client_id", "partner-globex")
			.claim("tenant_id", "globex")
			.claim("scope", "products:read orders:read")
			.build();
		this.client.get().uri("/api/orders").headers((h) -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
		EchoServer.Received received = backend.last();
		assertThat(received.header("X-Tenant-ID")).containsExactly("globex");
		assertThat(received.header("X-Client-ID")).containsExactly("partner-globex");
		assertThat(received.header("X-User-ID")).isEmpty();
	}

	@Test
	void rejectsUserTokens() {
		String user = keys.token().audience("bff-partner").claim("client_id", "web-app").build();
		this.client.get()
			.uri("/api/products")
			.headers((h) -> h.setBearerAuth(user))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(backend.received()).isEmpty();
	}

	@Test
	void refusesUnknownApiKeyAndPartnerWriteWithoutScope() {
		this.client.get()
			.uri("/api/products")
			.header("X-API-Key", "bffk_acme_devonly_guess")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-api-key");
		this.client.post().uri("/api/orders").header("X-API-Key", ACME_DEV_KEY).exchange().expectStatus().isForbidden();
		assertThat(backend.received()).isEmpty();
	}

}
