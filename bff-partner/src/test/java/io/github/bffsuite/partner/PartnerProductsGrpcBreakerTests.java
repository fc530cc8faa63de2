package io.github.bffsuite.partner;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC transport under product-service's circuit breaker (the REST client's, of
 * {@code edge.downstream.services.product-service}): failing gRPC calls open it, and an
 * open circuit is the REST client's 503 {@code circuit-open} with {@code Retry-After}
 * without calling the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.products.transport=grpc",
				"edge.partner.products.grpc-service=products-breaker",
				"edge.grpc.services.products-breaker.descriptor-set=classpath:META-INF/grpc/bffsuite-product-v1.desc",
				"edge.downstream.services.product-service.retry.enabled=false",
				"edge.downstream.services.product-service.circuit-breaker.sliding-window-size=4",
				"edge.downstream.services.product-service.circuit-breaker.minimum-number-of-calls=4",
				"edge.downstream.services.product-service.circuit-breaker.wait-duration-in-open-state=1h" })
class PartnerProductsGrpcBreakerTests extends PartnerGatewayTestSupport {

	static final ProductsGrpcBackend failing = new ProductsGrpcBackend();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(failing::close));
	}

	@DynamicPropertySource
	static void failingAddress(DynamicPropertyRegistry registry) {
		registry.add("edge.grpc.services.products-breaker.address", failing::address);
	}

	@Test
	void failingCallsOpenTheCircuitAndAnOpenCircuitIsA503WithoutACall() {
		for (int i = 0; i < 4; i++) {
			this.client.get()
				.uri("/partner/v2/products/p-0500")
				.header("X-API-Key", ACME_DEV_KEY)
				.exchange()
				.expectStatus()
				.isEqualTo(502);
		}
		assertThat(failing.calls()).hasSize(4);
		this.client.get()
			.uri("/partner/v2/products/p-0001")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "3600")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/service-unavailable")
			.jsonPath("$.reason")
			.isEqualTo("circuit-open");
		assertThat(failing.calls()).hasSize(4);
	}

}
