package io.github.bffsuite.edge.web;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeWebAutoConfiguration}.
 */
class EdgeWebAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				EdgeWebAutoConfiguration.class));

	@Nested
	class Enabled {

		@Test
		void createsRequestIdsLimitsAndProblemAnswers() {
			EdgeWebAutoConfigurationTests.this.runner.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(RequestIdWebFilter.class)
				.hasSingleBean(RequestLimitsWebFilter.class)
				.hasSingleBean(ProblemResponseWriter.class)
				.hasSingleBean(EdgeProblemWebExceptionHandler.class)
				.hasSingleBean(EdgeNettyServerCustomizer.class));
		}

		@Test
		void bindsProperties() {
			EdgeWebAutoConfigurationTests.this.runner
				.withPropertyValues("edge.web.request-id.header=X-Correlation-ID", "edge.web.request-id.max-length=32",
						"edge.web.limits.max-body-size=2MB", "edge.web.limits.idle-timeout=5s",
						"edge.web.cors.allowed-origins=https://app.test")
				.run((context) -> {
					EdgeWebProperties properties = context.getBean(EdgeWebProperties.class);
					assertThat(properties.getRequestId().getHeader()).isEqualTo("X-Correlation-ID");
					assertThat(properties.getRequestId().getMaxLength()).isEqualTo(32);
					assertThat(properties.getLimits().getMaxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
					assertThat(properties.getLimits().getIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
					assertThat(properties.getCors().getAllowedOrigins()).containsExactly("https://app.test");
				});
		}

		@Test
		void backsOffFromBeansTheUserDefines() {
			EdgeWebAutoConfigurationTests.this.runner
				.withBean("customRequestIdWebFilter", RequestIdWebFilter.class,
						() -> new RequestIdWebFilter(new EdgeWebProperties.RequestId()))
				.withBean("customProblemResponseWriter", ProblemResponseWriter.class,
						() -> new ProblemResponseWriter(ServerCodecConfigurer.create()))
				.run((context) -> assertThat(context).hasSingleBean(RequestIdWebFilter.class)
					.hasBean("customRequestIdWebFilter")
					.hasSingleBean(ProblemResponseWriter.class)
					.hasBean("customProblemResponseWriter")
					.hasSingleBean(EdgeProblemWebExceptionHandler.class));
		}

		@Test
		void leavesOutNettyHardeningWithoutReactorNettyServer() {
			EdgeWebAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(NettyReactiveWebServerFactory.class))
				.run((context) -> assertThat(context).hasSingleBean(RequestIdWebFilter.class)
					.doesNotHaveBean(EdgeNettyServerCustomizer.class));
		}

		@Test
		void worksWithoutTracingOnTheClassPath() {
			EdgeWebAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("io.micrometer.tracing", "io.opentelemetry"))
				.run((context) -> assertThat(context).hasNotFailed()
					.hasSingleBean(RequestIdWebFilter.class)
					.hasSingleBean(EdgeProblemWebExceptionHandler.class));
		}

	}

	@Nested
	class Disabled {

		@Test
		void backsOffOutsideAReactiveWebApplication() {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EdgeWebAutoConfiguration.class))
				.run((context) -> assertThat(context).doesNotHaveBean(RequestIdWebFilter.class)
					.doesNotHaveBean(ProblemResponseWriter.class)
					.doesNotHaveBean(EdgeWebProperties.class));
		}

	}

}
