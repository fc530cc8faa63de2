package io.github.bffsuite.partner.webhook;

import java.time.Clock;

import io.github.bffsuite.partner.usage.WebhookEndpoint;
import io.github.bffsuite.partner.usage.WebhookEndpoints;
import reactor.core.publisher.Mono;

/**
 * Where a tenant's events go: the webhook its admins set through the API, else the one
 * configured for it ({@code edge.partner.tenants.<tenant>.webhook-url}).
 */
public class TenantWebhookEndpoints implements WebhookEndpoints {

	private final WebhookStore store;

	private final WebhookEndpoints configured;

	private final Clock clock;

	public TenantWebhookEndpoints(WebhookStore store, WebhookEndpoints configured, Clock clock) {
		this.store = store;
		this.configured = configured;
		this.clock = clock;
	}

	@Override
	public Mono<WebhookEndpoint> find(String tenant) {
		return this.store.find(tenant)
			.map((webhook) -> new WebhookEndpoint(webhook.url(), webhook.signingSecrets(this.clock.instant())))
			.switchIfEmpty(Mono.defer(() -> this.configured.find(tenant)));
	}

}
