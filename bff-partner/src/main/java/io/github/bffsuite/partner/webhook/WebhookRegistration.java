package io.github.bffsuite.partner.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A tenant's webhook as its admin set it: the URL, the current signing secret and, for an
 * overlap after a rotation, the secret it replaced. Secrets are kept as they are because
 * the gateway needs them to sign.
 *
 * @param tenant the tenant
 * @param url where events are POSTed
 * @param secret the current secret
 * @param previousSecret the replaced secret, still signing until
 * {@code previousSecretExpiresAt}
 * @param previousSecretExpiresAt when the replaced secret stops signing
 * @param createdAt when the webhook was first set
 * @param updatedAt when its URL or secret last changed
 */
public record WebhookRegistration(String tenant, URI url, String secret, @Nullable String previousSecret,
		@Nullable Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt) {

	/**
	 * Whether the replaced secret still signs.
	 * @param now the current time
	 * @return whether it does
	 */
	public boolean overlaps(Instant now) {
		return this.previousSecret != null && this.previousSecretExpiresAt != null
				&& this.previousSecretExpiresAt.isAfter(now);
	}

	/**
	 * The secrets that sign events now, newest first.
	 * @param now the current time
	 * @return the current secret, and the replaced one during the overlap
	 */
	public List<String> signingSecrets(Instant now) {
		return overlaps(now) ? List.of(this.secret, String.valueOf(this.previousSecret)) : List.of(this.secret);
	}

}
