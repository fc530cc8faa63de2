package io.github.bffsuite.samples.auth.key;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

/**
 * Dev-only {@link JWKSource} holding an RSA signing key generated at start-up and, after
 * a rotation, the previous key. Both are published in the JWKS so that tokens signed
 * before a rotation still verify; new tokens are signed with the current key only.
 */
public final class RotatingJwkSource implements JWKSource<SecurityContext> {

	private volatile Keys keys;

	public RotatingJwkSource() {
		this.keys = new Keys(generateRsaKey(), null);
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, @Nullable SecurityContext context) {
		return jwkSelector.select(this.keys.toJwkSet());
	}

	/**
	 * Return the key that signs new tokens.
	 * @return the current key
	 */
	public RSAKey current() {
		return this.keys.current();
	}

	/**
	 * Return the key that was current before the last rotation, if any.
	 * @return the previous key or {@code null}
	 */
	public @Nullable RSAKey previous() {
		return this.keys.previous();
	}

	/**
	 * Dev-only: make a new key current and keep the current one as the previous key (the
	 * key before it is dropped from the JWKS).
	 * @return the new current key
	 */
	public synchronized RSAKey rotate() {
		Keys rotated = new Keys(generateRsaKey(), this.keys.current());
		this.keys = rotated;
		return rotated.current();
	}

	/**
	 * Select the current key among the keys an encoder found for a token header, so that
	 * a second published key never makes the choice ambiguous.
	 * @param candidates the keys matching the token header
	 * @return the current key, or the first candidate if the current one is not among
	 * them
	 */
	public JWK selectSigningKey(List<JWK> candidates) {
		String currentKid = this.keys.current().getKeyID();
		return candidates.stream()
			.filter((jwk) -> currentKid.equals(jwk.getKeyID()))
			.findFirst()
			.orElseGet(() -> candidates.get(0));
	}

	private static RSAKey generateRsaKey() {
		KeyPair keyPair = generateRsaKeyPair();
		return new RSAKey.Builder((RSAPublicKey) keyPair.getPublic()).privateKey((RSAPrivateKey) keyPair.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.RS256)
			.build();
	}

	private static KeyPair generateRsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	private record Keys(RSAKey current, @Nullable RSAKey previous) {

		JWKSet toJwkSet() {
			List<JWK> jwks = new ArrayList<>(2);
			jwks.add(this.current);
			if (this.previous != null) {
				jwks.add(this.previous);
			}
			return new JWKSet(jwks);
		}

	}

}
