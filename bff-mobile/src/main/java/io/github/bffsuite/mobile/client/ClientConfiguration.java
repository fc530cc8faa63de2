package io.github.bffsuite.mobile.client;

import io.github.bffsuite.clients.OrderService;
import io.github.bffsuite.edge.downstream.DownstreamHttpServices;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mobile API's own declared call, over order-service's resilient client.
 */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean
	OrderPlacement orderPlacement(DownstreamHttpServices services) {
		return services.client(OrderService.NAME, OrderPlacement.class);
	}

}
