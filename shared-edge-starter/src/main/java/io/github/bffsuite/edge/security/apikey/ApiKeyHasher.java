package io.github.bffsuite.edge.security.apikey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Hashes API keys (HMAC-SHA-256 with a server-side secret, or SHA-256) and makes new
 * ones: a readable prefix followed by 256 random bits. Only hashes are ever stored or
 * logged.
 */
public final class ApiKeyHasher {

	private static final SecureRandom random = new SecureRandom();

	private final @Nullable SecretKeySpec secret;

	private ApiKeyHasher(@Nullable SecretKeySpec secret) {
		this.secret = secret;
	}

	/**
	 * A hasher using HMAC-SHA-256.
	 * @param secret the server-side secret
	 * @return the hasher
	 */
	public static ApiKeyHasher hmacSha256(String secret) {
		Assert.hasText(secret, "An HMAC secret is required for HMAC-SHA-256 API key hashes");
		return new ApiKeyHasher(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
	}

	/**
	 * A hasher using plain SHA-256.
	 * @return the hasher
	 */
	public static ApiKeyHasher sha256() {
		return new ApiKeyHasher(null);
	}

	/**
	 * Make a new random key.
	 * @param prefix readable prefix, such as {@code bffk_acme}
	 * @return the key, to hand to its owner once
	 */
	public static String generate(String prefix) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * Hash a key.
	 * @param key the key
	 * @return the lower-case hex hash
	 */
	public String hash(String key) {
		byte[] input = key.getBytes(StandardCharsets.UTF_8);
		try {
			if (this.secret != null) {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(this.secret);
				return HexFormat.of().formatHex(mac.doFinal(input));
			}
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Compare two hex hashes in constant time.
	 * @param a one hash
	 * @param b the other
	 * @return whether they are equal
	 */
	public static boolean matches(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
	}

}
