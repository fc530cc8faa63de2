package io.github.bffsuite.partner.config;

import java.time.Clock;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.partner.client.OrderServiceClient;
import io.github.bffsuite.partner.client.ProductServiceClient;
import io.github.bffsuite.partner.key.ApiKeyAdministration;
import io.github.bffsuite.partner.usage.QuotaEventPublisher;
import io.github.bffsuite.partner.usage.WebhookEndpoints;
import tools.jackson.databind.json.JsonMapper;
import io.github.bffsuite.partner.web.DeprecationHeadersWebFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The partner API's downstream clients, key administration and version headers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartnerProperties.class)
class PartnerConfiguration {

	@Bean
	OrderServiceClient orderServiceClient(EdgeDownstreamClients clients) {
		return new OrderServiceClient(clients.webClient("order-service"));
	}

	@Bean
	ProductServiceClient productServiceClient(EdgeDownstreamClients clients) {
		return new ProductServiceClient(clients.webClient("product-service"));
	}

	@Bean
	ApiKeyAdministration apiKeyAdministration(ApiKeyStore store, ApiKeyHasher hasher, PartnerProperties properties) {
		return new ApiKeyAdministration(store, hasher, properties, Clock.systemUTC());
	}

	@Bean
	QuotaEventPublisher quotaEventPublisher(PartnerProperties properties, ObjectProvider<WebClient.Builder> webClient,
			ObjectProvider<JsonMapper> json, ObjectProvider<WebhookEndpoints> endpoints) {
		return new QuotaEventPublisher(properties, webClient.getIfAvailable(WebClient::builder),
				json.getIfAvailable(() -> JsonMapper.builder().build()),
				endpoints.getIfAvailable(() -> WebhookEndpoints.configured(properties)), Clock.systemUTC());
	}

	@Bean
	DeprecationHeadersWebFilter v1DeprecationHeadersWebFilter(PartnerProperties properties) {
		PartnerProperties.Deprecation v1 = properties.getV1();
		return new DeprecationHeadersWebFilter("/partner/v1", v1.getDeprecatedAt(), v1.getSunsetAt(), v1.getNotice(),
				v1.getSuccessor());
	}

}
