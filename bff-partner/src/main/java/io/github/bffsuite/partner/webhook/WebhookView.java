package io.github.bffsuite.partner.webhook;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's webhook as its admins see it: never a secret, only hints of them.
 *
 * @param url where events are POSTed
 * @param source {@code api} when set through the admin API, {@code configuration} when it
 * is the gateway's configured default
 * @param secretHint the end of the current secret
 * @param previousSecretHint the end of the replaced secret while it still signs, or
 * {@code null}
 * @param previousSecretExpiresAt when the replaced secret stops signing, or {@code null}
 * @param createdAt when the webhook was first set through the API, or {@code null}
 * @param updatedAt when its URL or secret last changed through the API, or {@code null}
 */
public record WebhookView(@Schema(example = "https://partner.example/hooks/bff") String url, @Schema(allowableValues = {
		"api", "configuration" }) String source, @Schema(example = "whsec_…x3Fq") String secretHint,
		@Nullable String previousSecretHint, @Nullable Instant previousSecretExpiresAt, @Nullable Instant createdAt,
		@Nullable Instant updatedAt){

	static WebhookView of(WebhookRegistration registration, Instant now) {
		boolean overlaps = registration.overlaps(now);
		return new WebhookView(registration.url().toString(), "api", hint(registration.secret()),
				overlaps ? hint(String.valueOf(registration.previousSecret())) : null,
				overlaps ? registration.previousSecretExpiresAt() : null, registration.createdAt(),
				registration.updatedAt());
	}

	static String hint(String secret) {
		String prefix = secret.startsWith(WebhookSecrets.PREFIX) ? WebhookSecrets.PREFIX : "";
		return (secret.length() >= 16) ? prefix + "…" + secret.substring(secret.length() - 4) : prefix + "…";
	}

}
