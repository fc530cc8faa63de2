package io.github.bffsuite.edge.grpc.proxy;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeGrpcProxyAutoConfiguration}.
 */
class EdgeGrpcProxyAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebFluxAutoConfiguration.class,
				EdgeWebAutoConfiguration.class, EdgeGrpcProxyAutoConfiguration.class));

	@Nested
	class Enabled {

		@Test
		void answersGrpcCallsThroughTheProblemWriter() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GrpcProblemRenderer.class);
				MockServerWebExchange exchange = MockServerWebExchange
					.from(MockServerHttpRequest.post("/grpc.health.v1.Health/Check")
						.header(HttpHeaders.CONTENT_TYPE, "application/grpc"));
				context.getBean(ProblemResponseWriter.class)
					.write(exchange, EdgeProblems.problem(HttpStatus.FORBIDDEN, "forbidden", "Denied"))
					.block();
				assertThat(exchange.getResponse().getHeaders().getFirst("grpc-status")).isEqualTo("7");
			});
		}

		@Test
		void bindsProperties() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner
				.withPropertyValues("edge.grpc.proxy.error-domain=example.com")
				.run((context) -> assertThat(context.getBean(EdgeGrpcProxyProperties.class).getErrorDomain())
					.isEqualTo("example.com"));
		}

		@Test
		void backsOffFromARendererTheUserDefines() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner
				.withBean("customRenderer", GrpcProblemRenderer.class, () -> new GrpcProblemRenderer("custom", null))
				.run((context) -> assertThat(context).hasSingleBean(GrpcProblemRenderer.class)
					.hasBean("customRenderer"));
		}

		@Test
		void routesNothingWithoutTheGatewaysRoutingFilter() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner
				.run((context) -> assertThat(context).doesNotHaveBean(GrpcRoutingFilter.class));
		}

		@Test
		void routesNothingWithoutSpringCloudGateway() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(NettyRoutingFilter.class))
				.run((context) -> assertThat(context).hasNotFailed()
					.hasSingleBean(GrpcProblemRenderer.class)
					.doesNotHaveBean(GrpcRoutingFilter.class));
		}

	}

	@Nested
	class Disabled {

		@Test
		void leavesProblemJsonForGrpcCalls() {
			EdgeGrpcProxyAutoConfigurationTests.this.runner.withPropertyValues("edge.grpc.proxy.enabled=false")
				.run((context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(GrpcProblemRenderer.class)
					.doesNotHaveBean(EdgeGrpcProxyProperties.class)
					.hasSingleBean(ProblemResponseWriter.class));
		}

	}

}
