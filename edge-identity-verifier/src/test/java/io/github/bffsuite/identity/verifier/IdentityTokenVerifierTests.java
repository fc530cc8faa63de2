package io.github.bffsuite.identity.verifier;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IdentityTokenVerifier} on a fixed clock.
 */
class IdentityTokenVerifierTests {

	static final KeyPair gateway = TestIdentityKeys.generate("secp256r1");

	final Instant now = Instant.parse("2026-12-05T06:00:00Z");

	IdentityTokenVerifier verifier(Instant at) {
		return new IdentityTokenVerifier(
				Map.of("bff-web", IdentityTokenVerifier.Key.of("bff-web", (ECPublicKey) gateway.getPublic())),
				"user-service", Duration.ofSeconds(5), Clock.fixed(at, ZoneOffset.UTC));
	}

	String token(Instant issued, long lifetimeSeconds) {
		return TestIdentityKeys.sign(TestIdentityKeys.claims("user-service")
			.issueTime(Date.from(issued))
			.expirationTime(Date.from(issued.plusSeconds(lifetimeSeconds))), gateway, "bff-web");
	}

	@Test
	void acceptsUpToTheClockSkewPastExpiryAndNoFurther() throws Exception {
		String token = token(this.now, 30);
		assertThat(verifier(this.now.plusSeconds(35)).verify(token).userId()).isEqualTo("u-001");
		assertThatExceptionOfType(IdentityVerificationException.class)
			.isThrownBy(() -> verifier(this.now.plusSeconds(36)).verify(token))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("expired"));
	}

	@Test
	void refusesATokenIssuedInTheFutureBeyondTheSkew() throws Exception {
		assertThat(verifier(this.now.minusSeconds(5)).verify(token(this.now, 30)).tenantId()).isEqualTo("acme");
		assertThatExceptionOfType(IdentityVerificationException.class)
			.isThrownBy(() -> verifier(this.now.minusSeconds(6)).verify(token(this.now, 30)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("not-yet-valid"));
	}

	@Test
	void acceptsSixtySecondsOfLifetimeAndNoMore() throws Exception {
		assertThat(verifier(this.now).verify(token(this.now, 60)).expiresAt()).isEqualTo(this.now.plusSeconds(60));
		assertThatExceptionOfType(IdentityVerificationException.class)
			.isThrownBy(() -> verifier(this.now).verify(token(this.now, 61)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo("lifetime"));
	}

	@Test
	void aMachineCallerHasNoUser() throws Exception {
		String token = TestIdentityKeys.sign(TestIdentityKeys.claims("user-service")
			.subject("key-42")
			.claim("client_id", "key-42")
			.claim("kind", "api-key")
			.claim("plan", "pro")
			.issueTime(Date.from(this.now))
			.expirationTime(Date.from(this.now.plusSeconds(30))), gateway, "bff-web");
		VerifiedIdentity identity = verifier(this.now).verify(token);
		assertThat(identity.userId()).isNull();
		assertThat(identity.subject()).isEqualTo("key-42");
		assertThat(identity.clientId()).isEqualTo("key-42");
		assertThat(identity.plan()).isEqualTo("pro");
	}

	@Test
	void costOfOneVerification() throws Exception {
		// not an assertion: a rough figure for the notes, on whatever machine runs it
		IdentityTokenVerifier verifier = new IdentityTokenVerifier(
				Map.of("bff-web", IdentityTokenVerifier.Key.of("bff-web", (ECPublicKey) gateway.getPublic())),
				"user-service", Duration.ofSeconds(5), Clock.systemUTC());
		String token = token(Instant.now(), 60);
		for (int i = 0; i < 500; i++) {
			verifier.verify(token);
		}
		int rounds = 1000;
		long start = System.nanoTime();
		for (int i = 0; i < rounds; i++) {
			verifier.verify(token);
		}
		System.out.printf("Edge-Identity verification (parse, ES256 verify, claims): %d us/op%n",
				(System.nanoTime() - start) / rounds / 1000);
	}

}
