package io.github.bffsuite.partner.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Webhooks in this instance's memory: the default, for one instance.
 */
public class InMemoryWebhookStore implements WebhookStore {

	private final Map<String, WebhookRegistration> webhooks = new ConcurrentHashMap<>();

	@Override
	public Mono<WebhookRegistration> find(String tenant) {
		return Mono.fromSupplier(() -> this.webhooks.get(tenant));
	}

	@Override
	public Mono<WebhookRegistration> setUrl(String tenant, URI url, String secretIfNew, Instant now) {
		return Mono.fromSupplier(() -> this.webhooks.compute(tenant,
				(key, old) -> (old != null)
						? new WebhookRegistration(tenant, url, old.secret(), old.previousSecret(),
								old.previousSecretExpiresAt(), old.createdAt(), now)
						: new WebhookRegistration(tenant, url, secretIfNew, null, null, now, now)));
	}

	@Override
	public Mono<WebhookRegistration> rotate(String tenant, String secret, @Nullable Instant previousExpiresAt,
			Instant now) {
		return Mono.fromSupplier(() -> this.webhooks.computeIfPresent(tenant,
				(key, old) -> new WebhookRegistration(tenant, old.url(), secret,
						(previousExpiresAt != null) ? old.secret() : null, previousExpiresAt, old.createdAt(), now)));
	}

	@Override
	public Mono<Boolean> delete(String tenant) {
		return Mono.fromSupplier(() -> this.webhooks.remove(tenant) != null);
	}

}
