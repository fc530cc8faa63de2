package io.github.bffsuite.samples.user.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.identity.verifier.IdentityVerificationWebFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * user-service with signed identity verification on, through its running server: identity
 * headers count only with a valid {@code Edge-Identity} signed for user-service by a
 * trusted gateway. Keys are generated here; tokens are really signed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "edge.identity.verification.enabled=true", "management.endpoints.web.exposure.include=health" })
class SignedIdentityTests {

	static final KeyPair gateway = ecKeyPair();

	static final KeyPair rogue = ecKeyPair();

	static final String PROBLEMS = "https://bff-suite.dev/problems/";

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	WebTestClient client;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) throws Exception {
		Path dir = Files.createTempDirectory("edge-identity-keys");
		dir.toFile().deleteOnExit();
		Path web = writePublicKey(dir.resolve("bff-web.pem"), gateway);
		Path mobile = writePublicKey(dir.resolve("bff-mobile.pem"), ecKeyPair());
		registry.add("edge.identity.verification.issuers.bff-web.public-key", web::toString);
		registry.add("edge.identity.verification.issuers.bff-mobile.public-key", () -> "file:" + mobile);
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

	static Path writePublicKey(Path file, KeyPair pair) throws Exception {
		Files.writeString(file,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		file.toFile().deleteOnExit();
		return file;
	}

	@BeforeEach
	void setUp() {
		// a connection per request: the request after one whose body was left unread
		// (the health check below, before it read its body too) once waited on a
		// pooled connection until WebTestClient's timeout (CI, 2026-12-05, twice)
		this.client = WebTestClient
			.bindToServer(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())))
			.baseUrl("http://127.0.0.1:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * Claims of alice (u-001 of acme) signed now by bff-web for user-service.
	 */
	static JWTClaimsSet.Builder alice() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("bff-web")
			.subject("u-001")
			.audience("user-service")
			.claim("tenant", "acme")
			.claim("scope", "users:read")
			.claim("client_id", "web-app")
			.claim("rid", "req-1")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(30)));
	}

	static String sign(JWTClaimsSet.Builder claims) {
		return sign(claims, gateway, "bff-web");
	}

	static String sign(JWTClaimsSet.Builder claims, KeyPair key, String kid) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
				.type(new JOSEObjectType("edge-identity+jwt"))
				.build(), claims.build());
			jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	WebTestClient.ResponseSpec me(String token, UnaryOperator<WebTestClient.RequestHeadersSpec<?>> headers) {
		WebTestClient.RequestHeadersSpec<?> request = this.client.get().uri("/users/me");
		if (token != null) {
			request = request.header("Edge-Identity", token);
		}
		return headers.apply(request).exchange();
	}

	void expectRejected(String token, String type, String detail) {
		me(token, UnaryOperator.identity()).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + type)
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.detail")
			.value(String.class, (text) -> assertThat(text).contains(detail));
	}

	@Test
	void aValidSignedIdentityIsTheCallerWithoutAnyIdentityHeader() {
		double before = verified();
		me(sign(alice()), UnaryOperator.identity()).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("u-001")
			.jsonPath("$.tenantId")
			.isEqualTo("acme");
		assertThat(verified() - before).isEqualTo(1);
	}

	@Test
	void identityHeadersThatAgreeWithTheSignedIdentityAreAccepted() {
		me(sign(alice()),
				(request) -> request.header("X-User-ID", "u-001")
					.header("x-tenant-id", "acme")
					.header("X-Scopes", "users:read"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo("u-001");
	}

	@Test
	void theSignedIdentityReplacesTheIdentityHeadersTheServiceReads() {
		// a tenant header the token does not contradict in spelling but in value is
		// refused;
		// one the token agrees with is replaced by the token's own value (GET /users/{id}
		// reads X-Tenant-ID)
		this.client.get()
			.uri("/users/u-100")
			.header("Edge-Identity", sign(alice()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.tenantId")
			.isEqualTo("acme");
	}

	@Test
	void aForgedUserHeaderWithoutSignedIdentityIsRefused() {
		me(null, (request) -> request.header("X-User-ID", "u-001").header("X-Tenant-ID", "acme")).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "identity-unverified")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("X-User-ID").contains("Edge-Identity"));
		me(null, (request) -> request.header("x_user_id", "u-001")).expectStatus().isUnauthorized();
	}

	@Test
	void anotherUsersTokenWithTheVictimsUserHeaderIsAMismatch() {
		String mallory = sign(alice().subject("u-100"));
		me(mallory, (request) -> request.header("X-User-ID", "u-001")).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "identity-mismatch")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("X-User-ID"));
		me(sign(alice()), (request) -> request.header("X-Tenant-ID", "globex")).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "identity-mismatch");
	}

	@Test
	void anExpiredTokenIsRefused() {
		// far beyond the 5 s skew: no timing on a busy machine can make it valid
		Instant then = Instant.now().minusSeconds(600);
		expectRejected(sign(alice().issueTime(Date.from(then)).expirationTime(Date.from(then.plusSeconds(30)))),
				"identity-unverified", "expired");
	}

	@Test
	void aTokenForAnotherServiceIsRefused() {
		expectRejected(sign(alice().audience("order-service")), "identity-unverified", "audience");
	}

	@Test
	void anUnknownKeyOrIssuerIsRefused() {
		expectRejected(sign(alice(), gateway, "bff-web-2"), "identity-unverified", "key id 'bff-web-2'");
		expectRejected(sign(alice().issuer("bff-evil"), gateway, "bff-evil"), "identity-unverified",
				"issuer 'bff-evil' is not trusted");
		// a trusted issuer and key id, another key
		expectRejected(sign(alice(), rogue, "bff-web"), "identity-unverified", "signature");
		// another trusted gateway's name on bff-web's signature
		expectRejected(sign(alice().issuer("bff-mobile"), gateway, "bff-mobile"), "identity-unverified", "signature");
	}

	@Test
	void algNoneIsRefused() {
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"edge-identity+jwt\",\"kid\":\"bff-web\"}");
		String payload = base64Url(alice().build().toString());
		expectRejected(header + "." + payload + ".", "identity-unverified", "algorithm 'none'");
	}

	@Test
	void anHs256TokenIsRefused() throws Exception {
		// the classic confusion: an HMAC keyed with something public
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("bff-web")
			.type(new JOSEObjectType("edge-identity+jwt"))
			.build(), alice().build());
		jwt.sign(new MACSigner(gateway.getPublic().getEncoded()));
		expectRejected(jwt.serialize(), "identity-unverified", "algorithm 'HS256'");
	}

	@Test
	void aTamperedPayloadIsRefused() {
		String[] parts = sign(alice()).split("\\.");
		String admin = base64Url(alice().subject("u-100").build().toString());
		expectRejected(parts[0] + "." + admin + "." + parts[2], "identity-unverified", "signature");
	}

	@Test
	void aLongLivedOrIncompleteTokenIsRefused() {
		Instant now = Instant.now();
		expectRejected(sign(alice().issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))),
				"identity-unverified", "exp - iat");
		expectRejected(sign(alice().subject(null)), "identity-unverified", "claim 'sub' is missing");
		expectRejected("not-a-token", "identity-unverified", "Edge-Identity rejected");
	}

	@Test
	void noTokenAndNoIdentityHeadersIsAsBefore() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		// the service's own answer to a request no gateway vouched for
		this.client.get()
			.uri("/users/u-001")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "unauthenticated");
		assertThat(IdentityVerificationWebFilter.ORDER).isNegative();
	}

	double verified() {
		return this.meters.find("edge.identity.verification")
			.tag("result", "verified")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
