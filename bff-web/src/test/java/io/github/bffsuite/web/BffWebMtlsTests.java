package io.github.bffsuite.web;

import java.time.Duration;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import io.github.bffsuite.web.MtlsStubServer.Received;
import io.github.bffsuite.web.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * bff-web with the {@code mtls} profile, through real sockets: the routes (Spring Cloud
 * Gateway's proxy client) and the gateway's own service clients present the gateway's
 * client certificate to services that require one, and a service whose certificate does
 * not name it is a 502 problem with the reason in the gateway log. Certificates come from
 * a throwaway internal CA made at test time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		// the mtls profile also signs/verifies identity: tested on its own
		// (SignedIdentity*Tests)
		"edge.identity.signing.enabled=false" })
@ActiveProfiles("mtls")
@ExtendWith(OutputCaptureExtension.class)
class BffWebMtlsTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final TestCertificates internalCa = TestCertificates.create("Edge Internal Test CA");

	static final Issued gatewayCertificate = internalCa.issue("bff-web", "bff-web", "DNS:bff-web", "clientAuth");

	/** A service certificate for 127.0.0.1, the address the gateway calls. */
	static final MtlsStubServer service = new MtlsStubServer(
			internalCa.issue("service", "product-service", "DNS:localhost,IP:127.0.0.1", "serverAuth,clientAuth"),
			internalCa.caCertificate());

	/**
	 * A certificate of the right CA, but for another name than the one the gateway calls.
	 */
	static final MtlsStubServer misnamed = new MtlsStubServer(
			internalCa.issue("misnamed", "user-service", "DNS:wrong.example", "serverAuth,clientAuth"),
			internalCa.caCertificate());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		registry.add("edge.downstream.services.user-service.base-url", misnamed::url);
		registry.add("edge.downstream.services.order-service.base-url", service::url);
		registry.add("edge.downstream.services.product-service.base-url", service::url);
		registry.add("EDGE_CLIENT_CERT", () -> gatewayCertificate.certificate().toString());
		registry.add("EDGE_CLIENT_KEY", () -> gatewayCertificate.key().toString());
		registry.add("EDGE_INTERNAL_CA", () -> internalCa.caCertificate().toString());
	}

	@AfterAll
	static void stop() {
		fixture.close();
		service.close();
		misnamed.close();
	}

	WebTestClient client() {
		return GatewayTestFixture.client(this.port);
	}

	static String token() {
		return keys.token()
			.audience("bff-web")
			.claim("scope", "users:read orders:read products:read")
			.claim("client_id", "web-app")
			.build();
	}

	@Test
	void aRoutePresentsTheGatewaysClientCertificate() {
		client().get()
			.uri("/api/products/p-0001")
			.headers((headers) -> headers.setBearerAuth(token()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Mutual Book");
		assertThat(service.received()).extracting(Received::uri).contains("/products/p-0001");
		assertThat(service.received()).extracting(Received::clientSubject).containsOnly("CN=bff-web");
	}

	@Test
	void aServiceClientPresentsTheGatewaysClientCertificate() {
		// product(id) is read through the product-service WebClient of the edge starter
		client().post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(token()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ product(id: \\\"p-0001\\\") { id name } }\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.errors")
			.doesNotExist()
			.jsonPath("$.data.product.name")
			.isEqualTo("Mutual Book");
		assertThat(service.received()).extracting(Received::uri).anyMatch((uri) -> uri.startsWith("/products"));
		assertThat(service.received()).extracting(Received::clientSubject).containsOnly("CN=bff-web");
	}

	@Test
	void aServiceCertificateForAnotherNameIsABadGatewayProblemAndTheLogSaysWhy(CapturedOutput output) {
		client().get()
			.uri("/api/users/me")
			.headers((headers) -> headers.setBearerAuth(token()))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/bad-gateway")
			.jsonPath("$.downstream")
			.isEqualTo("user-service")
			.jsonPath("$.reason")
			.isEqualTo("tls-handshake");
		assertThat(misnamed.received()).isEmpty();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(output.getOut() + output.getErr())
				.contains("TLS with downstream 'user-service' failed")
				.contains("No subject alternative names matching IP address 127.0.0.1"));
	}

}
