package io.github.bffsuite.web;

import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-web with its {@code canary} profile: the products route split by user between
 * product-service and its v2 (the demo users dave and erin on v2 at the start weight,
 * alice on stable), the version in {@code X-Served-By}, the testers' override for
 * {@code canary:test} only, and the canaries endpoint on the management port for
 * {@code canary:admin} only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("canary")
// its own context, closed after the class rather than with the others at JVM exit
@DirtiesContext
class BffWebCanaryTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final EchoServer stable = fixture.backend();

	static final EchoServer canary = new EchoServer();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry, "user-service", "order-service", "product-service");
		registry.add("edge.delivery.canaries.products.uri", canary::url);
	}

	@AfterAll
	static void stop() {
		fixture.close();
		canary.close();
	}

	@BeforeEach
	void setUp() {
		this.client = GatewayTestFixture.client(this.port);
		stable.clear();
		canary.clear();
	}

	String token(String user, String scope) {
		return keys.token().audience("bff-web").claim("sub", user).claim("scope", scope).build();
	}

	@Test
	void sendsTheDemoUsersDaveAndErinToTheCanaryAndAliceToStable() {
		for (String user : new String[] { "u-005", "u-003" }) {
			this.client.get()
				.uri("/api/products/p-0001")
				.headers((h) -> h.setBearerAuth(token(user, "products:read")))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-Served-By", "canary");
		}
		assertThat(canary.received()).hasSize(2);
		assertThat(canary.last().uri()).isEqualTo("/products/p-0001");
		assertThat(canary.last().header("X-User-ID")).containsExactly("u-003");
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token("u-001", "products:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-Served-By", "stable");
		assertThat(stable.received()).hasSize(1);
	}

	@Test
	void letsOnlyTestersPickTheCanary() {
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token("u-001", "products:read")))
			.header("X-Canary", "always")
			.exchange()
			.expectHeader()
			.valueEquals("X-Served-By", "stable");
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token("u-001", "products:read canary:test")))
			.header("X-Canary", "always")
			.exchange()
			.expectHeader()
			.valueEquals("X-Served-By", "canary");
		assertThat(canary.last().header("X-Canary")).isEmpty();
		assertThat(stable.last().header("X-Canary")).isEmpty();
	}

	@Test
	void showsTheCanaryOnTheManagementPortToAdminsOnly() {
		WebTestClient management = GatewayTestFixture.client(this.managementPort);
		management.get()
			.uri("/actuator/canaries/products")
			.headers((h) -> h.setBearerAuth(token("u-001", "canary:admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.steps.length()")
			.isEqualTo(4)
			.jsonPath("$.window.length")
			.isEqualTo("PT30S")
			.jsonPath("$.window.minRequests")
			.isEqualTo(20);
		management.get()
			.uri("/actuator/canaries/products")
			.headers((h) -> h.setBearerAuth(token("u-001", "products:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

}
