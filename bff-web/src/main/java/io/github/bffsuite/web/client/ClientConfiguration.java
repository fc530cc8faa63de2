package io.github.bffsuite.web.client;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clients of the sample services, each over its named downstream.
 */
@Configuration(proxyBeanMethods = false)
class ClientConfiguration {

	@Bean
	UserClient userClient(EdgeDownstreamClients clients) {
		return new UserClient(clients);
	}

	@Bean
	OrderClient orderClient(EdgeDownstreamClients clients) {
		return new OrderClient(clients);
	}

	@Bean
	ProductClient productClient(EdgeDownstreamClients clients) {
		return new ProductClient(clients);
	}

}
