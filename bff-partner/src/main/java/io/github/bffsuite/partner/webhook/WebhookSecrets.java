package io.github.bffsuite.partner.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes webhook signing secrets: {@code whsec_} and 32 random bytes (256 bits) in
 * base64url.
 */
final class WebhookSecrets {

	static final String PREFIX = "whsec_";

	private static final SecureRandom random = new SecureRandom();

	private WebhookSecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
