package io.github.bffsuite.identity.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.Curve;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Reads PEM EC public keys ({@code SubjectPublicKeyInfo}).
 */
final class PublicKeys {

	private static final Pattern PEM = Pattern
		.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

	private PublicKeys() {
	}

	/**
	 * Read the EC P-256 public key of an issuer.
	 * @param property the property that names it, for messages
	 * @param location a file path, or a {@code file:} or {@code classpath:} resource
	 * @return the key
	 */
	static ECPublicKey read(String property, String location) {
		Resource resource = ApplicationResourceLoader.get().getResource(location);
		String pem;
		try (InputStream in = resource.getInputStream()) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException(property + ": cannot read '" + location + "' (" + ex.getMessage() + ")",
					ex);
		}
		Matcher matcher = PEM.matcher(pem);
		if (!matcher.find()) {
			throw new IllegalStateException(
					property + ": '" + location + "' holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
		}
		ECPublicKey key;
		try {
			byte[] der = Base64.getMimeDecoder().decode(matcher.group(1));
			key = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException(property + ": '" + location + "' is not an EC public key", ex);
		}
		if (!Curve.P_256.equals(Curve.forECParameterSpec(key.getParams()))) {
			throw new IllegalStateException(property + ": '" + location + "' is not a P-256 key (ES256)");
		}
		return key;
	}

}
