package io.github.bffsuite.partner.webhook;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Keeps one webhook per tenant. Each write is atomic, so two admins of a tenant on two
 * instances never mix a URL of one with a secret of the other.
 */
public interface WebhookStore {

	/**
	 * Find a tenant's webhook.
	 * @param tenant the tenant
	 * @return the webhook, or empty
	 */
	Mono<WebhookRegistration> find(String tenant);

	/**
	 * Set the URL of a tenant's webhook, keeping its secret, or make the webhook with the
	 * given secret when the tenant has none.
	 * @param tenant the tenant
	 * @param url the URL
	 * @param secretIfNew the secret of a new webhook
	 * @param now the current time
	 * @return the webhook as stored
	 */
	Mono<WebhookRegistration> setUrl(String tenant, URI url, String secretIfNew, Instant now);

	/**
	 * Replace the secret of a tenant's webhook; the replaced one keeps signing until
	 * {@code previousExpiresAt}, and an earlier replaced one stops.
	 * @param tenant the tenant
	 * @param secret the new secret
	 * @param previousExpiresAt when the replaced secret stops signing; none to stop it
	 * now
	 * @param now the current time
	 * @return the webhook as stored, or empty when the tenant has none
	 */
	Mono<WebhookRegistration> rotate(String tenant, String secret, @Nullable Instant previousExpiresAt, Instant now);

	/**
	 * Delete a tenant's webhook.
	 * @param tenant the tenant
	 * @return whether there was one
	 */
	Mono<Boolean> delete(String tenant);

}
