package io.github.bffsuite.edge.delivery;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link EdgeCanaryAutoConfiguration}, and start-up failures for bad canary
 * settings, each naming its property.
 */
class EdgeCanaryAutoConfigurationTests {

	final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, EdgeCanaryAutoConfiguration.class))
		.withBean(RouteLocator.class, () -> () -> Flux.just(route("products"), route("orders")));

	static Route route(String id) {
		return Route.async().id(id).uri("http://localhost:9003").predicate((exchange) -> true).build();
	}

	@Test
	void isOffWithoutCanaries() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(CanaryController.class)
			.doesNotHaveBean(CanaryRoutingFilter.class)
			.doesNotHaveBean(CanariesEndpoint.class));
	}

	@Test
	void isOffWithoutSpringCloudGateway() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud.gateway"))
			.withPropertyValues("edge.delivery.canaries.products.uri=http://localhost:9013")
			.run((context) -> assertThat(context).doesNotHaveBean(CanaryController.class));
	}

	@Nested
	class WithACanary {

		final ReactiveWebApplicationContextRunner canary = EdgeCanaryAutoConfigurationTests.this.runner
			.withPropertyValues("edge.delivery.canaries.products.uri=http://localhost:9013");

		@Test
		void keepsTheStateInMemoryByDefault() {
			this.canary.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(CanaryController.class)
				.hasSingleBean(CanaryRoutingFilter.class)
				.hasSingleBean(InMemoryCanaryStateStore.class)
				.doesNotHaveBean(RedisCanaryStateStore.class));
		}

		@Test
		void keepsTheStateInRedisWhenAskedTo() {
			this.canary.withPropertyValues("edge.delivery.canary-control.store=redis")
				.run((context) -> assertThat(context).hasSingleBean(RedisCanaryStateStore.class)
					.doesNotHaveBean(InMemoryCanaryStateStore.class)
					.hasBean("edgeCanaryCompareAndSetScript"));
		}

		@Test
		void startsAtTheFirstStep() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.steps=10,25,50,100")
				.run((context) -> assertThat(context.getBean(CanaryController.class).canary("products").state())
					.satisfies((state) -> {
						assertThat(state.weight()).isEqualTo(10);
						assertThat(state.status()).isEqualTo(CanaryState.Status.RUNNING);
					}));
		}

		@Test
		void failsForAnUnknownRoute() {
			EdgeCanaryAutoConfigurationTests.this.runner
				.withPropertyValues("edge.delivery.canaries.prodcts.uri=http://localhost:9013")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.prodcts"));
		}

		@Test
		void failsForAMissingUri() {
			EdgeCanaryAutoConfigurationTests.this.runner.withPropertyValues("edge.delivery.canaries.products.weight=5")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.uri"));
		}

		@Test
		void failsForAUriThatIsNoHttpUri() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.uri=lb://product-service-v2")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.uri"));
		}

		@Test
		void failsForAWeightAboveOneHundred() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.weight=101")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.weight"));
		}

		@Test
		void failsForANegativeWeight() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.weight=-5")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.weight"));
		}

		@Test
		void failsForStepsNotAscending() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.steps=5,50,25,100")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.steps"));
		}

		@Test
		void failsForStepsNotEndingAtOneHundred() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.steps=5,25,50")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.steps"));
		}

		@Test
		void failsForANegativeWindow() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.analysis.window=-30s")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.analysis.window"));
		}

		@Test
		void failsForNegativeMinRequests() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.analysis.min-requests=-1")
				.run((context) -> assertInvalid(context, "edge.delivery.canaries.products.analysis.min-requests"));
		}

		@Test
		void failsForAnUnknownStickBy() {
			this.canary.withPropertyValues("edge.delivery.canaries.products.stick-by=session").run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				BindException bind = findCause(failure, BindException.class);
				assertThat(bind).as("a binding failure in %s", failure).isNotNull();
				assertThat(bind.getProperty().getName().toString())
					.isEqualTo("edge.delivery.canaries.products.stick-by");
			});
		}

	}

	static void assertInvalid(AssertableReactiveWebApplicationContext context, String property) {
		assertThat(context).hasFailed();
		InvalidConfigurationPropertyValueException invalid = findCause(context.getStartupFailure(),
				InvalidConfigurationPropertyValueException.class);
		assertThat(invalid).as("an invalid property in %s", context.getStartupFailure()).isNotNull();
		assertThat(invalid.getName()).isEqualTo(property);
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable current = failure;
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
