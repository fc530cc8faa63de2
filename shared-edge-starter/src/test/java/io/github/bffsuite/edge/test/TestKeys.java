package io.github.bffsuite.edge.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * RSA signing keys for tests, with rotation, and a builder of signed tokens.
 */
public final class TestKeys {

	private final List<RSAKey> keys = new CopyOnWriteArrayList<>();

	public TestKeys() {
		rotate();
	}

	/**
	 * Publish a new key, as an issuer does when it rotates; tokens are still signed with
	 * the first key unless a test asks for the new one.
	 * @return the new key
	 */
	public RSAKey rotate() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.algorithm(JWSAlgorithm.RS256)
				.generate();
			this.keys.add(key);
			return key;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the first key, which signs tokens by default.
	 * @return the key
	 */
	public RSAKey current() {
		return this.keys.get(0);
	}

	/**
	 * Return the public JWKS of all keys.
	 * @return the JWKS JSON
	 */
	public String jwksJson() {
		List<JWK> published = new ArrayList<>(this.keys);
		return new JWKSet(published).toPublicJWKSet().toString();
	}

	/**
	 * Start a token.
	 * @return a builder of a valid user token for {@code u-001} of {@code acme}
	 */
	public Token token() {
		return new Token(this);
	}

	/**
	 * A token being built.
	 */
	public static final class Token {

		private final TestKeys keys;

		private final JWTClaimsSet.Builder claims;

		private RSAKey key;

		private String kid;

		Token(TestKeys keys) {
			this.keys = keys;
			this.key = keys.current();
			this.kid = this.key.getKeyID();
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer("http://issuer.test")
				.subject("u-001")
				.audience("bff-test")
				.issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
				.claim("tenant_id", "acme")
				.claim("scope", "users:read orders:read")
				.claim("roles", List.of("user"))
				.jwtID(UUID.randomUUID().toString());
		}

		public Token claim(String name, Object value) {
			this.claims.claim(name, value);
			return this;
		}

		public Token claims(Map<String, Object> values) {
			values.forEach(this.claims::claim);
			return this;
		}

		public Token issuer(String issuer) {
			this.claims.issuer(issuer);
			return this;
		}

		public Token audience(String audience) {
			this.claims.audience(audience);
			return this;
		}

		public Token expiresIn(Duration duration) {
			Instant expiresAt = Instant.now().plus(duration);
			// A real issuer issued it before it expired
			Instant issuedAt = expiresAt.minus(Duration.ofMinutes(5));
			this.claims.expirationTime(Date.from(expiresAt))
				.issueTime(Date.from(issuedAt))
				.notBeforeTime(Date.from(issuedAt));
			return this;
		}

		public Token notBefore(Instant instant) {
			this.claims.notBeforeTime(Date.from(instant));
			return this;
		}

		public Token signedWith(RSAKey key) {
			this.key = key;
			this.kid = key.getKeyID();
			return this;
		}

		public Token kid(String kid) {
			this.kid = kid;
			return this;
		}

		public String build() {
			try {
				SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.kid).build(),
						this.claims.build());
				jwt.sign(new RSASSASigner(this.key));
				return jwt.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
