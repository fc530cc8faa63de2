package io.github.bffsuite.samples.product.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * product-service with signed identity verification on (as in its mtls profile): the
 * public catalogue, which order-service reads without identity headers, still answers
 * anonymous requests; identity headers without a signed identity are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "edge.identity.verification.enabled=true")
class SignedIdentityCatalogueTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		Path key = Files.createTempFile("order-gateway", ".pem");
		key.toFile().deleteOnExit();
		Files.writeString(key,
				"-----BEGIN PUBLIC KEY-----\n"
						+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
							.encodeToString(generator.generateKeyPair().getPublic().getEncoded())
						+ "\n-----END PUBLIC KEY-----\n");
		registry.add("edge.identity.verification.issuers.bff-web.public-key", key::toString);
	}

	@Test
	void theCatalogueAnswersAnonymousCallsAndRefusesUnsignedIdentity() {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		// what order-service sends for prices
		client.get().uri("/products?ids=p-0001,p-0042").exchange().expectStatus().isOk();
		client.get().uri("/products/p-0001").exchange().expectStatus().isOk();
		client.get()
			.uri("/products?ids=p-0001")
			.header("X-Tenant-ID", "acme")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/identity-unverified");
	}

}
