package io.github.bffsuite.mobile;

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
 * bff-mobile as configured in its application.yml, through the running gateway, with a
 * real HTTP backend and really signed tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.security.jwt.issuer-uri=http://issuer.test" })
class BffMobileGatewayTests {

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

}
