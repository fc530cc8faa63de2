package io.github.bffsuite.web;

import java.time.Duration;
import java.util.List;

import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * bff-web with its {@code shadow} profile, through the running gateway: the products
 * route's reads are copied to the shadow (product-service v2 in the demo), its writes are
 * not. The services and the shadow are real HTTP servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@ActiveProfiles("shadow")
class BffWebShadowProfileTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final EchoServer shadow = new EchoServer();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry, "user-service", "order-service", "product-service");
		registry.add("EDGE_SHADOW_TARGET", shadow::url);
	}

	@AfterAll
	static void stop() {
		fixture.close();
		shadow.close();
	}

	@Test
	void copiesProductReadsToTheShadowWithTheCallersIdentityAndNotOtherRoutes() {
		WebTestClient client = GatewayTestFixture.client(this.port);
		String token = fixture.keys()
			.token()
			.audience("bff-web")
			.claim("scope", "products:read users:read")
			.claim("client_id", "web-app")
			.build();
		client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Edge-Shadow");
		client.get().uri("/api/users/me").headers((h) -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shadow.received()).hasSize(1));
		EchoServer.Received copy = shadow.last();
		assertThat(copy.uri()).isEqualTo("/products/p-0001");
		assertThat(copy.header("X-Edge-Shadow")).containsExactly("true");
		assertThat(copy.header("X-User-ID")).containsExactly("u-001");
		assertThat(copy.header("X-Tenant-ID")).containsExactly("acme");
		client.post()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token))
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.meters.get("edge.delivery.shadow.requests")
			.tags("route", "products", "outcome", "skipped-method")
			.counter()
			.count()).isEqualTo(1);
		assertThat(shadow.received().stream().map(EchoServer.Received::method)).isEqualTo(List.of("GET"));
	}

}
