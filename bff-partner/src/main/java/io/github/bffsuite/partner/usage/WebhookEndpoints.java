package io.github.bffsuite.partner.usage;

import java.util.List;

import io.github.bffsuite.partner.config.PartnerProperties;
import reactor.core.publisher.Mono;

/**
 * Finds where a tenant's events are POSTed and the secrets they are signed with. The
 * {@link #configured(PartnerProperties) configured} one reads
 * {@code edge.partner.tenants.<tenant>.webhook-url} and {@code webhook-secret}; an
 * application may supply a bean that looks further first, such as webhooks a partner set
 * through an admin API.
 */
@FunctionalInterface
public interface WebhookEndpoints {

	/**
	 * Find a tenant's webhook.
	 * @param tenant the tenant
	 * @return the webhook, or empty when the tenant has none
	 */
	Mono<WebhookEndpoint> find(String tenant);

	/**
	 * The webhooks of the gateway's configuration.
	 * @param properties the partner settings
	 * @return the configured webhooks
	 */
	static WebhookEndpoints configured(PartnerProperties properties) {
		return (tenant) -> {
			PartnerProperties.Tenant settings = properties.getTenants().get(tenant);
			if (settings == null || settings.getWebhookUrl() == null || settings.getWebhookSecret() == null) {
				return Mono.empty();
			}
			return Mono.just(new WebhookEndpoint(settings.getWebhookUrl(), List.of(settings.getWebhookSecret())));
		};
	}

}
