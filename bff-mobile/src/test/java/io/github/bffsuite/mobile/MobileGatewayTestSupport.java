package io.github.bffsuite.mobile;

import java.util.function.Consumer;

import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running bff-mobile as its application.yml configures it, in front of real HTTP
 * stand-ins of the three services, with really signed user tokens. Subclasses share one
 * application context. The screen deadline is shortened so that timeouts are quick to
 * test (and shorter than the calls' own timeouts, so a late section is late at the
 * deadline), and circuit breakers are off so that one test's injected failures cannot
 * open a circuit for the next.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"edge.mobile.deadline=1s", "edge.downstream.services.user-service.circuit-breaker.enabled=false",
		"edge.downstream.services.order-service.circuit-breaker.enabled=false",
		"edge.downstream.services.product-service.circuit-breaker.enabled=false", "edge.rate-limit.enabled=false" })
abstract class MobileGatewayTestSupport {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final MobileBackends backends = new MobileBackends();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.issuer-uri", () -> "http://issuer.test");
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		backends.register(registry);
	}

	@AfterAll
	static void stop() {
		// the servers live as long as the shared context: only forget what they saw
		backends.reset();
	}

	@BeforeEach
	void setUpClient() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(java.time.Duration.ofSeconds(20))
			.build();
		backends.reset();
	}

	/**
	 * A mobile-app token of a user, with the scopes the mobile app is granted.
	 * @param userId the user
	 * @param tenantId the user's tenant
	 * @return the token
	 */
	static String token(String userId, String tenantId) {
		return keys.token()
			.audience("bff-mobile")
			.claim("sub", userId)
			.claim("tenant_id", tenantId)
			.claim("client_id", "mobile-app")
			.claim("scope", "users:read orders:read orders:write products:read")
			.build();
	}

	static Consumer<HttpHeaders> alice() {
		return (headers) -> headers.setBearerAuth(token("u-001", "acme"));
	}

	/**
	 * The user that places orders in tests, so that other tests see a fixed list.
	 * @return her token
	 */
	static Consumer<HttpHeaders> erin() {
		return (headers) -> headers.setBearerAuth(token("u-003", "initech"));
	}

	static Consumer<HttpHeaders> carol() {
		return (headers) -> headers.setBearerAuth(token("u-002", "globex"));
	}

}
