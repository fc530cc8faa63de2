package io.github.bffsuite.edge.delivery.shadow;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeShadowAutoConfiguration}: off unless a route is configured, and a
 * bad setting fails start-up naming the property.
 */
class EdgeShadowAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EdgeShadowAutoConfiguration.class))
		.withBean(RouteLocator.class, () -> () -> Flux.just(route("products"), route("orders")));

	private static Route route(String id) {
		return Route.async().id(id).uri("http://localhost:9003").predicate((exchange) -> true).build();
	}

	@Test
	void addsNothingWithoutARoute() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(ShadowTrafficGatewayFilter.class)
			.doesNotHaveBean(ShadowTargets.class));
	}

	@Test
	void addsTheFilterForAConfiguredRoute() {
		this.runner.withPropertyValues("edge.delivery.shadow.routes.products.target=http://localhost:9013")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ShadowTrafficGatewayFilter.class);
				assertThat(context.getBean(ShadowTargets.class).routeIds()).containsExactly("products");
			});
	}

	@Test
	void backsOffWhenDisabledOrWithoutSpringCloudGateway() {
		this.runner
			.withPropertyValues("edge.delivery.shadow.routes.products.target=http://localhost:9013",
					"edge.delivery.shadow.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ShadowTrafficGatewayFilter.class));
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EdgeShadowAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(GlobalFilter.class))
			.withPropertyValues("edge.delivery.shadow.routes.products.target=http://localhost:9013")
			.run((context) -> assertThat(context).doesNotHaveBean(ShadowTargets.class));
	}

	@Test
	void aTargetMayNameADownstream() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration.class))
			.withPropertyValues("edge.downstream.services.product-service-v2.base-url=http://localhost:9013",
					"edge.delivery.shadow.routes.products.target=product-service-v2")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(ShadowTrafficGatewayFilter.class));
	}

	@Nested
	class BadConfiguration {

		private final ReactiveWebApplicationContextRunner runner = EdgeShadowAutoConfigurationTests.this.runner
			.withPropertyValues("edge.delivery.shadow.routes.products.target=http://localhost:9013");

		@Test
		void aNegativeShareOrOneAboveOne() {
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.share=-0.1"),
					"edge.delivery.shadow.routes.products.share must be from 0");
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.share=1.5"),
					"edge.delivery.shadow.routes.products.share must be from 0");
		}

		@Test
		void anUnknownRouteId() {
			fails(EdgeShadowAutoConfigurationTests.this.runner
				.withPropertyValues("edge.delivery.shadow.routes.prodcuts.target=http://localhost:9013"),
					"edge.delivery.shadow.routes.prodcuts: no gateway route has the id 'prodcuts' (routes: [orders, products])");
		}

		@Test
		void aBlankOrUnknownTarget() {
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.target= "),
					"edge.delivery.shadow.routes.products.target must be set");
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.target=product-service-v3"),
					"edge.delivery.shadow.routes.products.target 'product-service-v3' is unknown");
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.target=ftp://localhost:21"),
					"edge.delivery.shadow.routes.products.target 'ftp://localhost:21' is unknown");
		}

		@Test
		void aNonPositiveConcurrencyOrTimeout() {
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.max-concurrency=0"),
					"edge.delivery.shadow.routes.products.max-concurrency must be at least 1");
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.timeout=0s"),
					"edge.delivery.shadow.routes.products.timeout must be more than 0");
		}

		@Test
		void anUnknownMethodOrANegativeBodyLimit() {
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.methods=GET,FETCH"),
					"edge.delivery.shadow.routes.products.methods: unknown HTTP method 'FETCH'");
			fails(this.runner.withPropertyValues("edge.delivery.shadow.routes.products.max-body-size=-1B"),
					"edge.delivery.shadow.routes.products.max-body-size must not be negative");
		}

		private void fails(ReactiveWebApplicationContextRunner runner, String message) {
			runner.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining(message);
			});
		}

	}

}
