package io.github.bffsuite.partner.client;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The partner API's clients of order-service and product-service, over the starter's
 * resilient downstream clients.
 */
@Configuration(proxyBeanMethods = false)
class PartnerClientsConfiguration {

	@Bean
	OrderServiceClient orderServiceClient(EdgeDownstreamClients clients) {
		return new OrderServiceClient(clients.webClient("order-service"));
	}

	@Bean
	ProductServiceClient productServiceClient(EdgeDownstreamClients clients) {
		return new ProductServiceClient(clients.webClient("product-service"));
	}

}
