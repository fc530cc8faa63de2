package io.github.bffsuite.clients;

import io.github.bffsuite.edge.downstream.ConditionalOnDownstream;
import io.github.bffsuite.edge.downstream.DownstreamHttpServices;
import io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the sample services' clients, one for each downstream the gateway
 * configures under {@code edge.downstream.services}.
 */
@AutoConfiguration(after = EdgeDownstreamAutoConfiguration.class)
@ConditionalOnBean(DownstreamHttpServices.class)
public final class ServiceClientsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDownstream(UserService.NAME)
	UserService userService(DownstreamHttpServices services) {
		return services.client(UserService.NAME, UserService.class);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDownstream(OrderService.NAME)
	OrderService orderService(DownstreamHttpServices services) {
		return services.client(OrderService.NAME, OrderService.class);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDownstream(ProductService.NAME)
	ProductService productService(DownstreamHttpServices services) {
		return services.client(ProductService.NAME, ProductService.class);
	}

}
