package io.github.bffsuite.edge.downstream.cache;

import io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache as {@link EdgeDownstreamAutoConfiguration} sets it up.
 */
class DownstreamResponseCacheAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WebClientAutoConfiguration.class, EdgeDownstreamAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("edge.downstream.services.products.base-url=http://products.test",
				"edge.downstream.services.users.base-url=http://users.test");

	@Test
	void cachesOnlyTheDownstreamsThatOptIn() {
		this.runner.withPropertyValues("edge.downstream.services.products.cache.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(EdgeDownstreamClients.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("edge.downstream.cache.requests").tag("downstream", "products").counters())
				.isNotEmpty();
			assertThat(meters.find("edge.downstream.cache.requests").tag("downstream", "users").counters()).isEmpty();
		});
	}

	@Test
	void keepsAnswersInMemoryWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.withPropertyValues("edge.downstream.services.products.cache.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ResponseCacheStores.class));
	}

	@Test
	void namesWhatIsMissingForARedisStoreWithoutRedis() {
		this.runner
			.withPropertyValues("edge.downstream.services.products.cache.enabled=true",
					"edge.downstream.services.products.cache.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("edge.downstream.services.products.cache.store=redis needs a Redis connection"));
	}

	@Test
	void usesTheApplicationsRedisForARedisStore() {
		this.runner
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
			.withPropertyValues("edge.downstream.services.products.cache.enabled=true",
					"edge.downstream.services.products.cache.store=redis")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ResponseCacheStores.class)
				.hasSingleBean(EdgeDownstreamClients.class));
	}

}
