package io.github.bffsuite.edge.downstream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EdgeDownstreamAutoConfiguration}.
 */
class EdgeDownstreamAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WebClientAutoConfiguration.class, EdgeDownstreamAutoConfiguration.class))
		.withPropertyValues("edge.downstream.services.users.base-url=http://users.test",
				"edge.downstream.services.orders.instances=http://orders-1.test:8080,http://orders-2.test:8080");

	@Nested
	class Enabled {

		@Test
		void createsAClientAndPoliciesPerNamedService() {
			EdgeDownstreamAutoConfigurationTests.this.runner.run((context) -> {
				EdgeDownstreamClients clients = context.getBean(EdgeDownstreamClients.class);
				assertThat(clients.names()).containsExactly("users", "orders");
				assertThat(clients.webClient("orders")).isNotNull();
				assertThat(clients.downstream("users").circuitBreaker()).isNotNull();
				assertThat(clients.circuitBreakers().getAllCircuitBreakers()).hasSize(2);
				assertThat(context).hasSingleBean(EdgeDownstreamGatewayFilterFactory.class)
					.hasBean("callDownstreamGatewayFilterFactory");
			});
		}

		@Test
		void namesThePropertyToSetForAnUnknownService() {
			EdgeDownstreamAutoConfigurationTests.this.runner.run((context) -> assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(EdgeDownstreamClients.class).webClient("billing"))
				.withMessageContaining("edge.downstream.services.billing"));
		}

		@Test
		void leavesOutCircuitBreakerWhenDisabled() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withPropertyValues("edge.downstream.services.users.circuit-breaker.enabled=false")
				.run((context) -> assertThat(
						context.getBean(EdgeDownstreamClients.class).downstream("users").circuitBreaker())
					.isNull());
		}

		@Test
		void backsOffGatewayFilterWithoutSpringCloudGateway() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(GatewayFilterFactory.class))
				.run((context) -> assertThat(context).hasSingleBean(EdgeDownstreamClients.class)
					.doesNotHaveBean(CallDownstreamGatewayFilterFactory.class));
		}

	}

	@Nested
	class Disabled {

		@Test
		void backsOffWithoutResilience4j() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(EdgeDownstreamClients.class)
					.doesNotHaveBean(CallDownstreamGatewayFilterFactory.class));
		}

		@Test
		void backsOffWithoutSpringCloudLoadBalancer() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("org.springframework.cloud.loadbalancer"))
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(EdgeDownstreamClients.class)
					.doesNotHaveBean(CallDownstreamGatewayFilterFactory.class));
		}

		@Test
		void backsOffWhenDisabled() {
			EdgeDownstreamAutoConfigurationTests.this.runner.withPropertyValues("edge.downstream.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(EdgeDownstreamClients.class)
					.doesNotHaveBean(CallDownstreamGatewayFilterFactory.class));
		}

	}

}
