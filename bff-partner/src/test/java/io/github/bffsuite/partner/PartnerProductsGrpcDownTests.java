package io.github.bffsuite.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gRPC transport with product-service down (nothing listens on its gRPC port): the
 * REST client's answer for a refused connection, a 502 {@code bad-gateway} with the
 * reason {@code unreachable}, never a 500 or a hang.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.products.transport=grpc",
				"edge.partner.products.grpc-service=products-down",
				"edge.grpc.services.products-down.descriptor-set=classpath:META-INF/grpc/bffsuite-product-v1.desc" })
class PartnerProductsGrpcDownTests extends PartnerGatewayTestSupport {

	@DynamicPropertySource
	static void downAddress(DynamicPropertyRegistry registry) {
		registry.add("edge.grpc.services.products-down.address", () -> "127.0.0.1:" + closedPort());
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void aServiceThatIsDownIsTheRestClientsUnreachable() {
		for (String uri : new String[] { "/partner/v2/products/p-0001", "/partner/v1/products?category=books" }) {
			this.client.mutate()
				.responseTimeout(Duration.ofSeconds(30))
				.build()
				.get()
				.uri(uri)
				.header("X-API-Key", ACME_DEV_KEY)
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/bad-gateway")
				.jsonPath("$.reason")
				.isEqualTo("unreachable")
				.jsonPath("$.downstream")
				.isEqualTo("product-service")
				.jsonPath("$.detail")
				.isEqualTo("Service 'product-service' could not be reached");
		}
		// the REST stand-in was not asked instead
		org.assertj.core.api.Assertions.assertThat(backend.requests()).isEmpty();
	}

}
