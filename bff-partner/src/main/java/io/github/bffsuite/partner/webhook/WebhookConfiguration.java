package io.github.bffsuite.partner.webhook;

import java.time.Clock;

import io.github.bffsuite.partner.config.PartnerProperties;
import io.github.bffsuite.partner.usage.WebhookEndpoints;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Webhooks partners administer themselves: their store (memory, or Redis with
 * {@code edge.partner.webhooks.store=redis}), the lookup quota events use, the admin use
 * cases and the test sender.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
class WebhookConfiguration {

	@Bean
	@ConditionalOnProperty(name = "edge.partner.webhooks.store", havingValue = "memory", matchIfMissing = true)
	InMemoryWebhookStore inMemoryWebhookStore() {
		return new InMemoryWebhookStore();
	}

	@Bean
	@ConditionalOnProperty(name = "edge.partner.webhooks.store", havingValue = "redis")
	RedisWebhookStore redisWebhookStore(ReactiveStringRedisTemplate redis, WebhookProperties properties) {
		return new RedisWebhookStore(redis, properties.getRedisKeyPrefix(), properties.getRedisTimeout());
	}

	@Bean
	TenantWebhookEndpoints tenantWebhookEndpoints(WebhookStore store, PartnerProperties partner) {
		return new TenantWebhookEndpoints(store, WebhookEndpoints.configured(partner), Clock.systemUTC());
	}

	@Bean
	WebhookTester webhookTester(ObjectProvider<JsonMapper> json, WebhookProperties properties) {
		// not the application's WebClient.Builder: its customizers send the caller's
		// identity headers, request id and trace context on calls made while handling a
		// request, and a webhook is a third party
		return new WebhookTester(WebClient.builder(), json.getIfAvailable(() -> JsonMapper.builder().build()),
				properties, Clock.systemUTC());
	}

	@Bean
	WebhookAdministration webhookAdministration(WebhookStore store, TenantWebhookEndpoints endpoints,
			WebhookTester tester, WebhookProperties properties, PartnerProperties partner) {
		return new WebhookAdministration(store, endpoints, WebhookEndpoints.configured(partner), tester, properties,
				partner, Clock.systemUTC());
	}

}
