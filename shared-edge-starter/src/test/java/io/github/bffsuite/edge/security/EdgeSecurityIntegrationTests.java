package io.github.bffsuite.edge.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.JwksServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.bffsuite.edge.security.jwt.CachingJwksSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge authentication, identity propagation and errors through a running gateway: real
 * signed tokens, a real JWKS endpoint and a real HTTP fixture.backend().
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.mechanisms=jwt,api-key", "edge.security.jwt.issuer-uri=http://issuer.test",
				"edge.security.jwt.audiences=bff-test", "edge.security.jwt.jwks-refresh-cooldown=2s",
				"edge.security.jwt.jwks-timeout=1s", "edge.security.rules[0].pattern=/echo/admin/**",
				"edge.security.rules[0].scopes=admin:write", "edge.security.api-key.hash=sha256",
				"edge.web.limits.max-body-size=1KB" })
class EdgeSecurityIntegrationTests {

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final String VALID_KEY = "bffk_test_valid";

	static final long COOLDOWN_WAIT = 2100;

	@Autowired
	CachingJwksSource jwksSource;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		GatewayTestFixture.route(registry, 0, "echo", fixture.backend()::url, "/echo/**");
		apiKey(registry, "valid", VALID_KEY, false, null);
		apiKey(registry, "revoked", "bffk_test_revoked", true, null);
		apiKey(registry, "expired", "bffk_test_expired", false, "2020-01-01T00:00:00Z");
	}

	static void apiKey(DynamicPropertyRegistry registry, String id, String key, boolean revoked, String expiresAt) {
		String prefix = "edge.security.api-key.keys." + id + ".";
		registry.add(prefix + "hash", () -> io.github.bffsuite.edge.security.apikey.ApiKeyHasher.sha256().hash(key));
		registry.add(prefix + "tenant", () -> "globex");
		registry.add(prefix + "plan", () -> "pro");
		registry.add(prefix + "scopes", () -> "products:read");
		registry.add(prefix + "revoked", () -> revoked);
		if (expiresAt != null) {
			registry.add(prefix + "expires-at", () -> expiresAt);
		}
	}

	@BeforeEach
	void setUp() {
		fixture.jwks().mode(JwksServer.Mode.UP);
	}

	@Test
	void acceptsValidTokenAndSendsIdentityDownstream() {
		fixture.get("/echo/hello", fixture.keys().token().build()).expectStatus().isOk();
		EchoServer.Received received = fixture.backend().last();
		assertThat(received.header("X-User-ID")).containsExactly("u-001");
		assertThat(received.header("X-Tenant-ID")).containsExactly("acme");
		assertThat(received.header("X-Scopes")).containsExactly("orders:read users:read");
		assertThat(received.header("X-Request-ID")).hasSize(1);
		assertThat(received.header("Authorization")).hasSize(1);
	}

	@Test
	void acceptsTokenExpiredWithinClockSkew() {
		String token = fixture.keys().token().expiresIn(Duration.ofSeconds(-30)).build();
		fixture.get("/echo/skew", token).expectStatus().isOk();
	}

	@Test
	void rejectsTokenExpiredBeyondClockSkew() {
		expectInvalidToken(fixture.keys().token().expiresIn(Duration.ofSeconds(-120)).build());
	}

	@Test
	void rejectsTokenNotYetValidBeyondClockSkew() {
		expectInvalidToken(fixture.keys().token().notBefore(Instant.now().plusSeconds(300)).build());
	}

	@Test
	void rejectsUnsignedToken() {
		String token = new PlainJWT(new JWTClaimsSet.Builder().issuer("http://issuer.test")
			.subject("u-001")
			.audience("bff-test")
			.expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
			.build()).serialize();
		expectInvalidToken(token);
	}

	@Test
	void rejectsHs256TokenSignedWithThePublicKeyAsSecret() throws Exception {
		byte[] publicKey = fixture.keys().current().toRSAPublicKey().getEncoded();
		byte[] secret = new byte[Math.max(32, publicKey.length)];
		System.arraycopy(publicKey, 0, secret, 0, publicKey.length);
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(fixture.keys().current().getKeyID()).build(),
				new JWTClaimsSet.Builder().issuer("http://issuer.test")
					.subject("u-001")
					.audience("bff-test")
					.expirationTime(java.util.Date.from(Instant.now().plusSeconds(300)))
					.build());
		jwt.sign(new MACSigner(secret));
		expectInvalidToken(jwt.serialize());
	}

	@Test
	void rejectsTokenWithUnknownIssuer() {
		expectInvalidToken(fixture.keys().token().issuer("http://evil.test").build());
	}

	@Test
	void rejectsTokenForAnotherAudience() {
		expectInvalidToken(fixture.keys().token().audience("bff-other").build());
	}

	@Test
	void rejectsTokenWithTamperedClaims() {
		String[] parts = fixture.keys().token().build().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("u-001",
				"u-002");
		String tampered = parts[0] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ parts[2];
		expectInvalidToken(tampered);
	}

	@Test
	void rejectsMalformedToken() {
		expectInvalidToken("not-a-jwt");
		expectInvalidToken("a.b.c");
	}

	@Test
	void challengesRequestWithoutCredentials() {
		fixture.client()
			.get()
			.uri("/echo/anonymous")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer realm=\"edge\"")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/unauthenticated")
			.jsonPath("$.requestId")
			.exists();
		assertThat(fixture.backend().received()).isEmpty();
	}

	@Test
	void acceptsTokenSignedWithRotatedKeyWithoutRestart() throws Exception {
		fixture.get("/echo/before", fixture.keys().token().build()).expectStatus().isOk();
		var rotated = fixture.keys().rotate();
		Thread.sleep(COOLDOWN_WAIT);
		String token = fixture.keys().token().signedWith(rotated).build();
		fixture.get("/echo/after", token).expectStatus().isOk();
	}

	@Test
	void floodOfRandomKeyIdsCausesAtMostTwoJwksFetches() throws Exception {
		fixture.get("/echo/warm", fixture.keys().token().build()).expectStatus().isOk();
		Thread.sleep(COOLDOWN_WAIT);
		List<String> tokens = Flux.range(0, 200)
			.map((i) -> fixture.keys().token().kid(UUID.randomUUID().toString()).build())
			.collectList()
			.block();
		int before = fixture.jwks().fetches();
		List<HttpStatus> statuses = Flux.fromIterable(tokens)
			.flatMap((token) -> org.springframework.web.reactive.function.client.WebClient
				.create("http://127.0.0.1:" + fixture.port())
				.get()
				.uri("/echo/random")
				.headers((h) -> h.setBearerAuth(token))
				.exchangeToMono((response) -> response.releaseBody()
					.thenReturn(HttpStatus.valueOf(response.statusCode().value()))), 32)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(statuses).hasSize(200).containsOnly(HttpStatus.UNAUTHORIZED);
		assertThat(fixture.jwks().fetches() - before).isBetween(1, 2);
	}

	@Test
	void keepsCachedKeysAndFailsClosedWhenJwksIsDown() throws Exception {
		fixture.get("/echo/cached", fixture.keys().token().build()).expectStatus().isOk();
		Thread.sleep(COOLDOWN_WAIT);
		fixture.jwks().mode(JwksServer.Mode.HANGING);
		fixture.get("/echo/cached", fixture.keys().token().build()).expectStatus().isOk();
		String unknown = fixture.keys().token().kid("unknown-" + UUID.randomUUID()).build();
		long started = System.nanoTime();
		expectInvalidToken(unknown);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		fixture.jwks().mode(JwksServer.Mode.FAILING);
		Thread.sleep(COOLDOWN_WAIT);
		expectInvalidToken(fixture.keys().token().kid("unknown-" + UUID.randomUUID()).build());
		fixture.get("/echo/cached", fixture.keys().token().build()).expectStatus().isOk();
	}

	@Test
	void rejectsHugeAuthorizationHeaderQuickly() {
		String huge = "Bearer " + "a".repeat(100 * 1024);
		fixture.client()
			.get()
			.uri("/echo/huge")
			.header("Authorization", huge)
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(400, 431));
		assertThat(fixture.backend().received()).isEmpty();
	}

	@Test
	void answersHeadersAboveEdgeLimitWith431Problem() {
		fixture.client()
			.get()
			.uri("/echo/big")
			.header("X-Padding", "p".repeat(20 * 1024))
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/request-header-fields-too-large");
	}

	@Test
	void neverForwardsSpoofedIdentityHeaders() {
		fixture.client()
			.get()
			.uri("/echo/spoof")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.header("X-User-ID", "u-666")
			.header("x-user-id", "u-667")
			.header("X_USER_ID", "u-668")
			.header("x_tenant_id", "globex")
			.header("X-TENANT-ID", "globex")
			.header("X-Scopes", "admin:write")
			.header("X-Scopes", "orders:write")
			.header("x_scopes", "admin:write")
			.header("X-Client-Id", "evil")
			.header("X-Plan", "enterprise")
			.exchange()
			.expectStatus()
			.isOk();
		EchoServer.Received received = fixture.backend().last();
		assertThat(received.identityHeaderNames()).containsExactlyInAnyOrder("X-User-ID", "X-Tenant-ID", "X-Scopes");
		assertThat(received.header("X-User-ID")).containsExactly("u-001");
		assertThat(received.header("X-Tenant-ID")).containsExactly("acme");
		assertThat(received.header("X-Scopes")).containsExactly("orders:read users:read");
	}

	@Test
	void deniesMissingScopeWith403Problem() {
		fixture.client()
			.post()
			.uri("/echo/admin/reset")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"admin:write\"")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
		fixture.client()
			.post()
			.uri("/echo/admin/reset")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().claim("scope", "admin:write").build()))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void acceptsValidApiKeyAndSendsItsIdentity() {
		fixture.client().get().uri("/echo/partner").header("X-API-Key", VALID_KEY).exchange().expectStatus().isOk();
		EchoServer.Received received = fixture.backend().last();
		assertThat(received.header("X-Tenant-ID")).containsExactly("globex");
		assertThat(received.header("X-Client-ID")).containsExactly("valid");
		assertThat(received.header("X-Plan")).containsExactly("pro");
		assertThat(received.header("X-User-ID")).isEmpty();
		assertThat(received.header("X-API-Key")).containsExactly(VALID_KEY);
	}

	@Test
	void rejectsUnknownRevokedAndExpiredApiKeys() {
		for (Map.Entry<String, String> entry : Map
			.of("bffk_test_unknown", "The API key is not valid", "bffk_test_revoked", "The API key has been revoked",
					"bffk_test_expired", "The API key has expired")
			.entrySet()) {
			fixture.client()
				.get()
				.uri("/echo/partner")
				.header("X-API-Key", entry.getKey())
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/invalid-api-key")
				.jsonPath("$.detail")
				.isEqualTo(entry.getValue());
		}
		assertThat(fixture.backend().received()).isEmpty();
	}

	@Test
	void keepsWellFormedRequestIdAndReplacesMalformedOne() {
		fixture.client()
			.get()
			.uri("/echo/id")
			.header("X-Request-ID", "abc-123")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectHeader()
			.valueEquals("X-Request-ID", "abc-123");
		assertThat(fixture.backend().last().header("X-Request-ID")).containsExactly("abc-123");
		fixture.client()
			.get()
			.uri("/echo/id")
			.header("X-Request-ID", "bad id <script>" + "x".repeat(80))
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectHeader()
			.value("X-Request-ID", (id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Test
	void answersUnknownRouteWith404Problem() {
		fixture.get("/nowhere", fixture.keys().token().build())
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found");
	}

	@Test
	void answersOversizedBodyWith413Problem() {
		fixture.client()
			.post()
			.uri("/echo/upload")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("x".repeat(4096))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/payload-too-large");
		assertThat(fixture.backend().received()).isEmpty();
	}

	private void expectInvalidToken(String token) {
		int forwarded = fixture.backend().received().size();
		byte[] body = fixture.get("/echo/protected", token)
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).contains("error=\"invalid_token\""))
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/invalid-token")
			.returnResult()
			.getResponseBody();
		String text = new String(body, StandardCharsets.UTF_8);
		assertThat(text).doesNotContain(token).doesNotContain("Exception").doesNotContain("at org.");
		assertThat(fixture.backend().received()).hasSize(forwarded);
	}

}
