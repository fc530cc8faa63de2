package io.github.bffsuite.partner;

import java.time.Duration;

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
 * bff-partner as configured in its application.yml: the dev-only API keys it declares
 * (hashed) and partner client-credential tokens, through the running gateway to a real
 * HTTP backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.security.jwt.issuer-uri=http://issuer.test" })
class BffPartnerGatewayTests {

	/** Dev-only key declared (as a hash) in bff-partner's application.yml and README. */
	static final String ACME_DEV_KEY = "bffk_acme_devonly_4Qm8ZpX2vT7nR1sK9wL3yB6cF0hJ5dGe";

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		for (String service : new String[] { "user-service", "order-service", "product-service" }) {
			registry.add("edge.downstream.services." + service + ".base-url", backend::url);
		}
	}

	@AfterAll
	static void stop() {
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
