package io.github.bffsuite.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import io.github.bffsuite.identity.verifier.IdentityTokenVerifier;
import io.github.bffsuite.identity.verifier.VerifiedIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-web with signed identity on (as in its mtls profile): a proxied route and a
 * WebClient-based endpoint (GraphQL) both deliver an {@code Edge-Identity} to the
 * downstream that verifies with the gateway's public key, as a service's verifier checks
 * it, and names that downstream as audience. Backends are a real HTTP server; bearer
 * tokens are really signed and checked against a real JWKS endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.identity.signing.enabled=true" })
class BffWebSignedIdentityTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final EchoServer backend = fixture.backend();

	static final KeyPair identityKey = ecKeyPair();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		fixture.register(registry, "user-service", "order-service", "product-service");
		Path key = Files.createTempFile("bff-web-identity", ".pem");
		key.toFile().deleteOnExit();
		Files
			.writeString(key,
					"-----BEGIN PRIVATE KEY-----\n"
							+ java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
								.encodeToString(identityKey.getPrivate().getEncoded())
							+ "\n-----END PRIVATE KEY-----\n");
		registry.add("edge.identity.signing.private-key", key::toString);
	}

	static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		fixture.close();
	}

	@BeforeEach
	void setUp() {
		this.client = GatewayTestFixture.client(this.port);
		backend.clear();
	}

	static IdentityTokenVerifier verifierFor(String service) {
		return new IdentityTokenVerifier(
				Map.of("bff-web", IdentityTokenVerifier.Key.of("bff-web", (ECPublicKey) identityKey.getPublic())),
				service, Duration.ofSeconds(5), Clock.systemUTC());
	}

	String userToken(String scope) {
		return keys.token().audience("bff-web").claim("scope", scope).claim("client_id", "web-app").build();
	}

	@Test
	void proxiedRoutesCarryTheIdentitySignedForTheirService() throws Exception {
		String token = userToken("users:read orders:read products:read");
		// the same token twice: through the security chain, then the edge's fast path
		for (int i = 0; i < 2; i++) {
			for (String[] call : new String[][] { { "/api/users/me", "user-service" },
					{ "/api/orders?limit=2", "order-service" }, { "/api/products/p-0001", "product-service" } }) {
				String requestId = this.client.get()
					.uri(call[0])
					.headers((h) -> h.setBearerAuth(token))
					.exchange()
					.expectStatus()
					.isOk()
					.returnResult(String.class)
					.getResponseHeaders()
					.getFirst("X-Request-ID");
				EchoServer.Received received = backend.last();
				List<String> signed = received.header("Edge-Identity");
				assertThat(signed).as(call[0]).hasSize(1);
				VerifiedIdentity identity = verifierFor(call[1]).verify(signed.get(0));
				assertThat(identity.userId()).isEqualTo("u-001");
				assertThat(identity.tenantId()).isEqualTo("acme");
				assertThat(identity.clientId()).isEqualTo("web-app");
				assertThat(identity.scopes()).containsExactly("orders:read", "products:read", "users:read");
				assertThat(identity.requestId()).isNotNull().isEqualTo(requestId);
				assertThat(identity.requestId()).isEqualTo(received.header("X-Request-ID").get(0));
				JWTClaimsSet claims = SignedJWT.parse(signed.get(0)).getJWTClaimsSet();
				assertThat(claims.getAudience()).containsExactly(call[1]);
				assertThat(claims.getIssuer()).isEqualTo("bff-web");
				assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
					.isLessThanOrEqualTo(60_000);
				// the identity headers stay, for services that do not verify
				assertThat(received.header("X-User-ID")).containsExactly("u-001");
			}
		}
	}

	@Test
	void aWebClientBasedEndpointCarriesTheIdentitySignedForTheService() throws Exception {
		// GraphQL's me field calls user-service through the gateway's downstream
		// WebClient
		this.client.post()
			.uri("/graphql")
			.headers((h) -> h.setBearerAuth(userToken("users:read")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ me { id } }\"}")
			.exchange()
			.expectStatus()
			.isOk();
		EchoServer.Received received = backend.received()
			.stream()
			.filter((request) -> request.uri().startsWith("/users"))
			.findFirst()
			.orElseThrow();
		List<String> signed = received.header("Edge-Identity");
		assertThat(signed).hasSize(1);
		VerifiedIdentity identity = verifierFor("user-service").verify(signed.get(0));
		assertThat(identity.userId()).isEqualTo("u-001");
		assertThat(identity.requestId()).isEqualTo(received.header("X-Request-ID").get(0));
		assertThat(SignedJWT.parse(signed.get(0)).getJWTClaimsSet().getAudience()).containsExactly("user-service");
	}

	@Test
	void aClientsOwnEdgeIdentityHeaderIsNeverPassedOn() {
		this.client.get()
			.uri("/api/products/p-0001")
			.header("Edge-Identity", "forged")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(backend.received()).isEmpty();
		String token = userToken("products:read");
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((h) -> h.setBearerAuth(token))
			.header("Edge-Identity", "forged")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(backend.last().header("Edge-Identity")).hasSize(1).doesNotContain("forged");
	}

}
