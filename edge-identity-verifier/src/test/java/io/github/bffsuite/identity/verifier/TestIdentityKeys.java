package io.github.bffsuite.identity.verifier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * EC P-256 keys generated for a test, their PEM files, and signed identities.
 */
final class TestIdentityKeys {

	private TestIdentityKeys() {
	}

	static KeyPair generate(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static Path writePublicKey(Path file, KeyPair pair) {
		try {
			Files.writeString(file,
					"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
			file.toFile().deleteOnExit();
			return file;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Claims of u-001 of acme signed now by bff-web for the given service.
	 */
	static JWTClaimsSet.Builder claims(String audience) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer("bff-web")
			.subject("u-001")
			.audience(audience)
			.claim("tenant", "acme")
			.claim("scope", "orders:read users:read")
			.claim("client_id", "web-app")
			.claim("rid", "req-1")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(30)));
	}

	static String sign(JWTClaimsSet.Builder claims, KeyPair key, String kid) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid)
				.type(new JOSEObjectType(IdentityTokenVerifier.TYPE))
				.build(), claims.build());
			jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
