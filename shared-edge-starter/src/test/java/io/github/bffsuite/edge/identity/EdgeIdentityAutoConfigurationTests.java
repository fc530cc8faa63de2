package io.github.bffsuite.edge.identity;

import io.github.bffsuite.edge.web.EdgeWebProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeIdentityAutoConfiguration}.
 */
class EdgeIdentityAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WebClientAutoConfiguration.class, EdgeIdentityAutoConfiguration.class));

	@Nested
	class Enabled {

		@Test
		void stripsInboundAndSetsOutboundIdentity() {
			EdgeIdentityAutoConfigurationTests.this.runner.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(StripIdentityHeadersWebFilter.class)
				.hasSingleBean(IdentityExchangeFilterFunction.class)
				.hasSingleBean(IdentityHeadersGatewayFilter.class)
				.hasSingleBean(RequireCallerParameterGatewayFilterFactory.class)
				.hasBean("identityWebClientCustomizer"));
		}

		@Test
		void addsTheIdentityFilterToAutoConfiguredWebClients() {
			EdgeIdentityAutoConfigurationTests.this.runner.run((context) -> {
				IdentityExchangeFilterFunction identity = context.getBean(IdentityExchangeFilterFunction.class);
				context.getBean(WebClient.Builder.class)
					.filters((filters) -> assertThat(filters).containsExactly(identity));
			});
		}

		@Test
		void bindsTheRequestIdHeaderOfEdgeWebProperties() {
			EdgeIdentityAutoConfigurationTests.this.runner
				.withPropertyValues("edge.web.request-id.header=X-Correlation-ID")
				.run((context) -> assertThat(context).getBean(EdgeWebProperties.class)
					.extracting((properties) -> properties.getRequestId().getHeader())
					.isEqualTo("X-Correlation-ID"));
		}

		@Test
		void backsOffFromBeansTheUserDefines() {
			EdgeIdentityAutoConfigurationTests.this.runner
				.withBean("customStripFilter", StripIdentityHeadersWebFilter.class, StripIdentityHeadersWebFilter::new)
				.withBean("customIdentityFilter", IdentityExchangeFilterFunction.class,
						() -> new IdentityExchangeFilterFunction("X-Correlation-ID"))
				.withBean("customGatewayFilter", IdentityHeadersGatewayFilter.class, IdentityHeadersGatewayFilter::new)
				.run((context) -> assertThat(context).hasSingleBean(StripIdentityHeadersWebFilter.class)
					.hasBean("customStripFilter")
					.hasSingleBean(IdentityExchangeFilterFunction.class)
					.hasBean("customIdentityFilter")
					.hasSingleBean(IdentityHeadersGatewayFilter.class)
					.hasBean("customGatewayFilter"));
		}

		@Test
		void leavesOutTheGatewayFilterWithoutSpringCloudGateway() {
			EdgeIdentityAutoConfigurationTests.this.runner.withClassLoader(new FilteredClassLoader(GlobalFilter.class))
				.run((context) -> assertThat(context).hasSingleBean(StripIdentityHeadersWebFilter.class)
					.doesNotHaveBean(IdentityHeadersGatewayFilter.class)
					.doesNotHaveBean(RequireCallerParameterGatewayFilterFactory.class));
		}

		@Test
		void leavesOutTheWebClientCustomizerWithoutSpringBootWebClient() {
			EdgeIdentityAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(WebClientCustomizer.class))
				.run((context) -> assertThat(context).hasSingleBean(IdentityExchangeFilterFunction.class)
					.doesNotHaveBean("identityWebClientCustomizer"));
		}

	}

	@Nested
	class Disabled {

		@Test
		void backsOffOutsideAReactiveWebApplication() {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EdgeIdentityAutoConfiguration.class))
				.run((context) -> assertThat(context).doesNotHaveBean(StripIdentityHeadersWebFilter.class)
					.doesNotHaveBean(IdentityExchangeFilterFunction.class)
					.doesNotHaveBean(IdentityHeadersGatewayFilter.class)
					.doesNotHaveBean(RequireCallerParameterGatewayFilterFactory.class));
		}

	}

}
