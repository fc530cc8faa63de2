package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;

import io.github.bffsuite.edge.ratelimit.gateway.EdgeRateLimitGatewayAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.gateway.EdgeRateLimitGatewayFilterFactory;
import io.github.bffsuite.edge.ratelimit.gateway.LimitRequestRateGatewayFilterFactory;
import io.github.bffsuite.edge.ratelimit.store.EdgeRateLimitStoreAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.store.InMemoryRateLimitStore;
import io.github.bffsuite.edge.ratelimit.store.RedisRateLimitStore;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link EdgeRateLimitAutoConfiguration}.
 */
class EdgeRateLimitAutoConfigurationTests {

	final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, EdgeRateLimitAutoConfiguration.class,
				EdgeRateLimitStoreAutoConfiguration.class, EdgeRateLimitGatewayAutoConfiguration.class))
		.withBean(ProblemResponseWriter.class, () -> new ProblemResponseWriter(ServerCodecConfigurer.create()))
		.withPropertyValues("edge.rate-limit.policies.api.capacity=5", "edge.rate-limit.bindings[0].policies=api");

	@Nested
	class Enabled {

		@Test
		void usesTheMemoryStoreByDefault() {
			EdgeRateLimitAutoConfigurationTests.this.runner.run((context) -> {
				assertThat(context).hasSingleBean(InMemoryRateLimitStore.class)
					.doesNotHaveBean(RedisRateLimitStore.class)
					.hasSingleBean(EdgeRateLimitWebFilter.class)
					.hasSingleBean(EdgeRateLimitGatewayFilterFactory.class)
					.hasBean("limitRequestRateGatewayFilterFactory")
					.hasBean("edgeRateLimitHealthIndicator");
			});
		}

		@Test
		void usesTheRedisStoreWhenAskedTo() {
			EdgeRateLimitAutoConfigurationTests.this.runner.withPropertyValues("edge.rate-limit.store=redis")
				.run((context) -> assertThat(context).hasSingleBean(RedisRateLimitStore.class)
					.doesNotHaveBean(InMemoryRateLimitStore.class)
					.hasBean("edgeRateLimitScript"));
		}

		@Test
		void guardsRedisWithACircuitBreakerThatIgnoresSlowCallsByDefault() {
			EdgeRateLimitAutoConfigurationTests.this.runner.withPropertyValues("edge.rate-limit.store=redis")
				.run((context) -> {
					CircuitBreakerConfig config = context.getBean(RedisRateLimitStore.class)
						.getCircuitBreaker()
						.getCircuitBreakerConfig();
					assertThat(config.getMinimumNumberOfCalls()).isEqualTo(5);
					assertThat(config.getSlowCallRateThreshold()).isEqualTo(100);
					assertThat(config.getSlowCallDurationThreshold()).isEqualTo(Duration.ofSeconds(60));
					assertThat(config.getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(10_000);
				});
		}

		@Test
		void bindsTheDeprecatedRedisCircuitBreakerWaitInOpenState() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withPropertyValues("edge.rate-limit.store=redis",
						"edge.rate-limit.redis.circuit-breaker.wait-in-open-state=3s")
				.run((context) -> assertThat(context.getBean(RedisRateLimitStore.class)
					.getCircuitBreaker()
					.getCircuitBreakerConfig()
					.getWaitIntervalFunctionInOpenState()
					.apply(1)).isEqualTo(3_000));
		}

		@Test
		void disablesTheRedisCircuitBreakerWithoutReportingDegraded() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withPropertyValues("edge.rate-limit.store=redis",
						"edge.rate-limit.redis.circuit-breaker.enabled=false")
				.run((context) -> {
					RedisRateLimitStore store = context.getBean(RedisRateLimitStore.class);
					assertThat(store.getCircuitBreaker().getState()).isEqualTo(CircuitBreaker.State.DISABLED);
					assertThat(store.health().degraded()).isFalse();
				});
		}

		@Test
		void backsOffFromTheGatewayFilterWithoutSpringCloudGateway() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader(AbstractGatewayFilterFactory.class))
				.run((context) -> assertThat(context).hasSingleBean(EdgeRateLimitWebFilter.class)
					.doesNotHaveBean(LimitRequestRateGatewayFilterFactory.class));
		}

		@Test
		void usesTheMemoryStoreWithoutSpringDataRedis() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
				.run((context) -> assertThat(context).hasSingleBean(InMemoryRateLimitStore.class)
					.hasSingleBean(EdgeRateLimitWebFilter.class)
					.hasBean("edgeRateLimitHealthIndicator")
					.doesNotHaveBean("edgeRateLimitScript"));
		}

		@Test
		void usesTheMemoryStoreWithoutResilience4j() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
				.run((context) -> assertThat(context).hasSingleBean(InMemoryRateLimitStore.class)
					.hasSingleBean(EdgeRateLimitWebFilter.class)
					.hasBean("edgeRateLimitHealthIndicator"));
		}

		@Test
		void refusesToStartOnTheRedisStoreWithoutResilience4j() {
			// the Redis store backs off, and there is no other store to fall back to
			EdgeRateLimitAutoConfigurationTests.this.runner.withPropertyValues("edge.rate-limit.store=redis")
				.withClassLoader(new FilteredClassLoader("io.github.resilience4j"))
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining(RateLimitStore.class.getName()));
		}

		@Test
		void refusesToStartWithAnUnknownPolicyInABinding() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withPropertyValues("edge.rate-limit.bindings[0].policies=nope")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("Unknown rate limit policy 'nope'"));
		}

		@Test
		void refusesAPolicyNamedPlan() {
			EdgeRateLimitAutoConfigurationTests.this.runner
				.withPropertyValues("edge.rate-limit.policies.plan.capacity=1")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.hasMessageContaining("'plan' is reserved"));
		}

	}

	@Nested
	class Disabled {

		@Test
		void backsOffWhenDisabled() {
			EdgeRateLimitAutoConfigurationTests.this.runner.withPropertyValues("edge.rate-limit.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(EdgeRateLimiter.class)
					.doesNotHaveBean(EdgeRateLimitWebFilter.class)
					.doesNotHaveBean(RateLimitStore.class));
		}

	}

}
