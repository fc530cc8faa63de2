package io.github.bffsuite.clients;

import io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServiceClientsAutoConfiguration}.
 */
class ServiceClientsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(EdgeDownstreamAutoConfiguration.class, ServiceClientsAutoConfiguration.class));

	@Test
	void declaresAClientForEachConfiguredDownstream() {
		this.contextRunner
			.withPropertyValues("edge.downstream.services.user-service.base-url=http://localhost:9001",
					"edge.downstream.services.order-service.base-url=http://localhost:9002",
					"edge.downstream.services.product-service.base-url=http://localhost:9003")
			.run((context) -> assertThat(context).hasSingleBean(UserService.class)
				.hasSingleBean(OrderService.class)
				.hasSingleBean(ProductService.class));
	}

	@Test
	void declaresNoClientOfADownstreamTheGatewayDoesNotConfigure() {
		this.contextRunner.withPropertyValues("edge.downstream.services.order-service.base-url=http://localhost:9002")
			.run((context) -> assertThat(context).hasSingleBean(OrderService.class)
				.doesNotHaveBean(UserService.class)
				.doesNotHaveBean(ProductService.class));
	}

	@Test
	void backsOffWhenDownstreamsAreDisabled() {
		this.contextRunner
			.withPropertyValues("edge.downstream.enabled=false",
					"edge.downstream.services.order-service.base-url=http://localhost:9002")
			.run((context) -> assertThat(context).doesNotHaveBean(OrderService.class));
	}

}
