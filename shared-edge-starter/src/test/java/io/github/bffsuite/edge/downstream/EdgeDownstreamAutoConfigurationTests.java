package io.github.bffsuite.edge.downstream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
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
		void usesTheDefaultSslBundleForEveryService() {
			EdgeDownstreamAutoConfigurationTests.this.runner.withBean(SslBundles.class, () -> bundles("edge-client"))
				.withPropertyValues("edge.downstream.ssl-bundle=edge-client")
				.run((context) -> assertThat(context).hasNotFailed()
					.getBean(EdgeDownstreamClients.class)
					.satisfies((clients) -> assertThat(clients.names()).containsExactly("users", "orders")));
		}

		@Test
		void usesTheSslBundleOfAServiceInsteadOfTheDefault() {
			EdgeDownstreamAutoConfigurationTests.this.runner.withBean(SslBundles.class, () -> bundles("edge-client"))
				.withPropertyValues("edge.downstream.ssl-bundle=edge-client",
						"edge.downstream.services.orders.ssl-bundle=orders-client")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.isInstanceOf(NoSuchSslBundleException.class)
					.hasMessageContaining("'orders-client'"));
		}

		@Test
		void failsNamingAnSslBundleThatIsNotDefined() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
				.withPropertyValues("edge.downstream.ssl-bundle=edge-client")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.isInstanceOf(NoSuchSslBundleException.class)
					.hasMessageContaining("'edge-client'"));
		}

		@Test
		void failsNamingTheServiceWhenThereAreNoSslBundles() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withPropertyValues("edge.downstream.services.users.ssl-bundle=edge-client")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("Downstream 'users' uses SSL bundle 'edge-client'"));
		}

		@Test
		void backsOffGatewayFilterWithoutSpringCloudGateway() {
			EdgeDownstreamAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(GatewayFilterFactory.class))
				.run((context) -> assertThat(context).hasSingleBean(EdgeDownstreamClients.class)
					.doesNotHaveBean(CallDownstreamGatewayFilterFactory.class));
		}

	}

	/**
	 * Bundles with the JVM's default trust under some names: enough to build clients
	 * with, no certificate needed.
	 */
	private static SslBundles bundles(String... names) {
		DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
		for (String name : names) {
			registry.registerBundle(name, SslBundle.systemDefault());
		}
		return registry;
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
