package io.github.bffsuite.edge.idempotency;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link EdgeIdempotencyAutoConfiguration}.
 */
class EdgeIdempotencyAutoConfigurationTests {

	final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, EdgeIdempotencyAutoConfiguration.class))
		.withBean(ProblemResponseWriter.class, () -> new ProblemResponseWriter(ServerCodecConfigurer.create()));

	@Test
	void usesTheMemoryStoreByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(InMemoryIdempotencyStore.class)
			.doesNotHaveBean(RedisIdempotencyStore.class)
			.hasSingleBean(IdempotencyWebFilter.class));
	}

	@Test
	void usesTheRedisStoreWhenAskedTo() {
		this.runner.withPropertyValues("edge.idempotency.store=redis")
			.run((context) -> assertThat(context).hasSingleBean(RedisIdempotencyStore.class)
				.doesNotHaveBean(InMemoryIdempotencyStore.class)
				.hasBean("edgeIdempotencyReserveScript")
				.hasBean("edgeIdempotencyCompleteScript"));
	}

	@Test
	void usesTheMemoryStoreWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasSingleBean(InMemoryIdempotencyStore.class)
				.hasSingleBean(IdempotencyWebFilter.class)
				.doesNotHaveBean("edgeIdempotencyReserveScript"));
	}

	@Test
	void backsOffWithoutCaffeineForTheMemoryStore() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(IdempotencyStore.class)
				.doesNotHaveBean(IdempotencyWebFilter.class));
	}

	@Test
	void usesTheRedisStoreWithoutCaffeine() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.withPropertyValues("edge.idempotency.store=redis")
			.run((context) -> assertThat(context).hasSingleBean(RedisIdempotencyStore.class)
				.hasSingleBean(IdempotencyWebFilter.class));
	}

	@Test
	void usesAStoreTheUserDefinesWithoutCaffeine() {
		this.runner.withClassLoader(new FilteredClassLoader(Caffeine.class))
			.withBean("customStore", IdempotencyStore.class, () -> new InMemoryIdempotencyStore(10))
			.run((context) -> assertThat(context).hasSingleBean(IdempotencyStore.class)
				.hasSingleBean(IdempotencyWebFilter.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("edge.idempotency.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(IdempotencyWebFilter.class)
				.doesNotHaveBean(IdempotencyStore.class));
	}

	@Test
	void backsOffFromAStoreTheUserDefines() {
		this.runner.withBean("customStore", IdempotencyStore.class, () -> new InMemoryIdempotencyStore(10))
			.withPropertyValues("edge.idempotency.store=redis")
			.run((context) -> assertThat(context).hasSingleBean(IdempotencyStore.class)
				.hasBean("customStore")
				.doesNotHaveBean(RedisIdempotencyStore.class));
	}

}
