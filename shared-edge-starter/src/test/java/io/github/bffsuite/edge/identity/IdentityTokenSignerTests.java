package io.github.bffsuite.edge.identity;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link IdentityTokenSigner} and the signed identity that
 * {@link IdentityExchangeFilterFunction} sends, through a real HTTP server.
 */
class IdentityTokenSignerTests {

	static final EchoServer backend = new EchoServer();

	static final KeyPair keys = ecKeyPair();

	static final EdgePrincipal ALICE = new EdgePrincipal(EdgePrincipal.Kind.USER, "u-001", "acme", "web-app",
			Set.of("orders:read", "users:read"), Set.of("user"), null);

	static final EdgePrincipal PARTNER = new EdgePrincipal(EdgePrincipal.Kind.API_KEY, null, "acme", "key-42",
			Set.of("orders:read"), Set.of(), "pro");

	final Clock clock = Clock.fixed(Instant.parse("2026-12-05T06:00:00Z"), ZoneOffset.UTC);

	final IdentityTokenSigner signer = new IdentityTokenSigner((ECPrivateKey) keys.getPrivate(), "bff-web", "bff-web",
			Duration.ofSeconds(30), this.clock);

	@AfterAll
	static void stop() {
		backend.close();
	}

	@BeforeEach
	void clear() {
		backend.clear();
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

	static Path writePrivateKey(Path dir, KeyPair pair) throws Exception {
		Path file = dir.resolve("identity.pem");
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Files.writeString(file, pem);
		return file;
	}

	static JWTClaimsSet verified(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) keys.getPublic()))).isTrue();
		return jwt.getJWTClaimsSet();
	}

	@Test
	void signsTheIdentityForOneServiceWithTheGatewaysKey() throws Exception {
		String token = this.signer.sign(ALICE, "user-service", "req-1");
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("bff-web");
		assertThat(jwt.getHeader().getType().getType()).isEqualTo(IdentityTokenSigner.TYPE);
		JWTClaimsSet claims = verified(token);
		assertThat(claims.getIssuer()).isEqualTo("bff-web");
		assertThat(claims.getSubject()).isEqualTo("u-001");
		assertThat(claims.getAudience()).containsExactly("user-service");
		assertThat(claims.getStringClaim("tenant")).isEqualTo("acme");
		assertThat(claims.getStringClaim("scope")).isEqualTo("orders:read users:read");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("web-app");
		assertThat(claims.getStringClaim("rid")).isEqualTo("req-1");
		assertThat(claims.getClaim("kind")).isNull();
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(this.clock.instant());
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void namesTheClientAsSubjectOfAMachineCaller() throws Exception {
		JWTClaimsSet claims = verified(this.signer.sign(PARTNER, "order-service", null));
		assertThat(claims.getSubject()).isEqualTo("key-42");
		assertThat(claims.getStringClaim("kind")).isEqualTo("api-key");
		assertThat(claims.getStringClaim("plan")).isEqualTo("pro");
		assertThat(claims.getClaim("rid")).isNull();
	}

	@Test
	void refusesALifetimeOverSixtySecondsAndAKeyNotOnP256() throws Exception {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentityTokenSigner((ECPrivateKey) keys.getPrivate(), "bff-web", "bff-web",
					Duration.ofSeconds(61), this.clock))
			.withMessageContaining("at most 60s");
		KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
		p384.initialize(new ECGenParameterSpec("secp384r1"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new IdentityTokenSigner((ECPrivateKey) p384.generateKeyPair().getPrivate(), "bff-web",
					"bff-web", Duration.ofSeconds(30), this.clock))
			.withMessageContaining("P-256");
	}

	@Test
	void webClientCallsWithACallerCarryTheIdentitySignedForTheirService() throws Exception {
		WebClient client = WebClient.builder()
			.baseUrl(backend.url())
			.filter(new IdentityExchangeFilterFunction("X-Request-ID", this.signer, "Edge-Identity"))
			.defaultRequest((request) -> request.attribute(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, "order-service"))
			.build();
		client.get()
			.uri("/orders")
			.header("Edge-Identity", "forged")
			.retrieve()
			.toBodilessEntity()
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(new EdgeAuthentication(ALICE)))
			.contextWrite((context) -> context.put(RequestIdWebFilter.MDC_KEY, "req-7"))
			.block(Duration.ofSeconds(10));
		List<String> tokens = backend.last().header("Edge-Identity");
		assertThat(tokens).hasSize(1);
		JWTClaimsSet claims = verified(tokens.get(0));
		assertThat(claims.getAudience()).containsExactly("order-service");
		assertThat(claims.getStringClaim("rid")).isEqualTo("req-7");
		assertThat(backend.last().header("X-Request-ID")).containsExactly("req-7");
		assertThat(backend.last().header("X-User-ID")).containsExactly("u-001");
	}

	@Test
	void webClientCallsWithoutACallerCarryNoSignedIdentity() {
		WebClient client = WebClient.builder()
			.baseUrl(backend.url())
			.filter(new IdentityExchangeFilterFunction("X-Request-ID", this.signer, "Edge-Identity"))
			.defaultRequest((request) -> request.attribute(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, "order-service"))
			.build();
		client.get()
			.uri("/products")
			.header("Edge-Identity", "forged")
			.retrieve()
			.toBodilessEntity()
			.block(Duration.ofSeconds(10));
		assertThat(backend.last().header("Edge-Identity")).isEmpty();
		assertThat(backend.last().identityHeaderNames()).isEmpty();
	}

	@Test
	void aWebClientOfNoDownstreamServiceGetsNoSignedIdentity() {
		WebClient client = WebClient.builder()
			.baseUrl(backend.url())
			.filter(new IdentityExchangeFilterFunction("X-Request-ID", this.signer, "Edge-Identity"))
			.build();
		client.get()
			.uri("/elsewhere")
			.retrieve()
			.toBodilessEntity()
			.contextWrite(ReactiveSecurityContextHolder.withAuthentication(new EdgeAuthentication(ALICE)))
			.block(Duration.ofSeconds(10));
		assertThat(backend.last().header("Edge-Identity")).isEmpty();
		assertThat(backend.last().header("X-User-ID")).containsExactly("u-001");
	}

	@Test
	void costOfOneSignatureAndOneVerification() throws Exception {
		// not an assertion: a rough figure for the notes, on whatever machine runs it
		IdentityTokenSigner systemClock = new IdentityTokenSigner((ECPrivateKey) keys.getPrivate(), "bff-web",
				"bff-web", Duration.ofSeconds(30), Clock.systemUTC());
		ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) keys.getPublic());
		String token = null;
		for (int i = 0; i < 500; i++) {
			token = systemClock.sign(ALICE, "user-service", "req-" + i);
			SignedJWT.parse(token).verify(verifier);
		}
		int rounds = 1000;
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			token = systemClock.sign(ALICE, "user-service", "req-" + i);
		}
		long signing = (System.nanoTime() - start) / rounds;
		start = System.nanoTime();
		int valid = 0;
		for (int i = 0; i < rounds; i++) {
			valid += SignedJWT.parse(token).verify(verifier) ? 1 : 0;
		}
		long verifying = (System.nanoTime() - start) / rounds;
		System.out.printf("Edge-Identity ES256: sign %d us/op, parse+verify %d us/op, %d bytes%n", signing / 1000,
				verifying / 1000, token.length());
		assertThat(valid).isEqualTo(rounds);
	}

	@Test
	void startUpFailsClearlyWithoutAKeyOrWithALongLifetime(@TempDir Path dir) throws Exception {
		ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, EdgeIdentityAutoConfiguration.class))
			.withPropertyValues("spring.application.name=bff-web", "edge.identity.signing.enabled=true");
		runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("edge.identity.signing.private-key is not set"));
		String key = writePrivateKey(dir, keys).toString();
		runner.withPropertyValues("edge.identity.signing.private-key=" + key, "edge.identity.signing.ttl=61s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("at most 60s"));
		runner.withPropertyValues("edge.identity.signing.private-key=" + key).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(IdentityTokenSigner.class);
			String token = context.getBean(IdentityTokenSigner.class).sign(ALICE, "user-service", null);
			assertThat(verified(token).getIssuer()).isEqualTo("bff-web");
			assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo("bff-web");
		});
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, EdgeIdentityAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(IdentityTokenSigner.class));
	}

}
