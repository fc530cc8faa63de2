package io.github.bffsuite.identity.verifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet variant through a running Tomcat: a servlet service reads the verified
 * identity from its headers.
 */
@SpringBootTest(classes = IdentityVerificationServletFilterTests.ServletService.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.application.name=user-service",
				"edge.identity.verification.enabled=true" })
class IdentityVerificationServletFilterTests {

	static final KeyPair gateway = TestIdentityKeys.generate("secp256r1");

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("edge-identity-keys");
		dir.toFile().deleteOnExit();
		Path key = TestIdentityKeys.writePublicKey(dir.resolve("bff-web.pem"), gateway);
		registry.add("edge.identity.verification.issuers.bff-web.public-key", key::toString);
	}

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
	}

	@Test
	void aValidSignedIdentityReplacesTheIdentityHeaders() {
		this.client.get()
			.uri("/whoami")
			.header("Edge-Identity", TestIdentityKeys.sign(TestIdentityKeys.claims("user-service"), gateway, "bff-web"))
			.header("x-user-id", "u-001")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.user")
			.isEqualTo("u-001")
			.jsonPath("$.tenant")
			.isEqualTo("acme")
			.jsonPath("$.scopes")
			.isEqualTo("orders:read users:read")
			.jsonPath("$.verified")
			.isEqualTo("req-1")
			.jsonPath("$.names")
			.value(String.class,
					(names) -> org.assertj.core.api.Assertions.assertThat(names)
						.containsIgnoringCase("X-User-ID")
						.doesNotContain("x-user-id"));
	}

	@Test
	void refusesForgedAndContradictingHeaders() {
		this.client.get()
			.uri("/whoami")
			.header("X-User-ID", "u-001")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/identity-unverified")
			.jsonPath("$.instance")
			.isEqualTo("/whoami");
		this.client.get()
			.uri("/whoami")
			.header("Edge-Identity", TestIdentityKeys.sign(TestIdentityKeys.claims("user-service"), gateway, "bff-web"))
			.header("X-Tenant-ID", "globex")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/identity-mismatch");
		this.client.get()
			.uri("/whoami")
			.header("Edge-Identity",
					TestIdentityKeys.sign(TestIdentityKeys.claims("order-service"), gateway, "bff-web"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, (detail) -> org.assertj.core.api.Assertions.assertThat(detail).contains("audience"));
	}

	@Test
	void anAnonymousRequestGoesOn() {
		this.client.get().uri("/whoami").exchange().expectStatus().isOk().expectBody().jsonPath("$.user").isEmpty();
	}

	@SpringBootApplication
	@RestController
	static class ServletService {

		@GetMapping("/whoami")
		Map<String, Object> whoami(HttpServletRequest request) {
			Object verified = request.getAttribute(VerifiedIdentity.ATTRIBUTE);
			return Map.of("user", String.valueOf(request.getHeader("X-User-ID")).replace("null", ""), "tenant",
					String.valueOf(request.getHeader("X-Tenant-ID")), "scopes",
					String.valueOf(request.getHeader("X-Scopes")), "verified",
					(verified instanceof VerifiedIdentity identity) ? String.valueOf(identity.requestId()) : "",
					"names", String.join(",", Collections.list(request.getHeaderNames())));
		}

	}

}
