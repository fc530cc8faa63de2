package io.github.bffsuite.partner.usage;

import java.time.Clock;

import io.github.bffsuite.partner.config.PartnerProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Quota events, sent to the webhook a tenant set or, failing that, the configured one.
 */
@Configuration(proxyBeanMethods = false)
class UsageConfiguration {

	@Bean
	QuotaEventPublisher quotaEventPublisher(PartnerProperties properties, ObjectProvider<WebClient.Builder> webClient,
			ObjectProvider<JsonMapper> json, ObjectProvider<WebhookEndpoints> endpoints) {
		return new QuotaEventPublisher(properties, webClient.getIfAvailable(WebClient::builder),
				json.getIfAvailable(() -> JsonMapper.builder().build()),
				endpoints.getIfAvailable(() -> WebhookEndpoints.configured(properties)), Clock.systemUTC());
	}

}
