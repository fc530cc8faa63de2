package io.github.bffsuite.edge.redis;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wiring of {@link EdgeRedisAutoConfiguration}: a warm-up only where an edge feature
 * keeps its state in Redis, so a gateway on in-memory stores never waits for a Redis it
 * does not use.
 */
class EdgeRedisAutoConfigurationTests {

	final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, EdgeRedisAutoConfiguration.class));

	@Test
	void warmsUpWhenAFeatureUsesRedis() {
		this.runner.withBean("script", RedisScript.class, () -> RedisScript.of("return 1", Long.class))
			.run((context) -> assertThat(context).hasSingleBean(RedisWarmup.class));
	}

	@Test
	void doesNotWarmUpWhenNoFeatureUsesRedis() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisWarmup.class));
	}

	@Test
	void clusterNodesWinOverTheUrlOfTheRedisProfile() {
		// the gateways' redis-cluster profile adds cluster nodes on top of the redis
		// profile's url
		this.runner
			.withPropertyValues("spring.data.redis.url=redis://localhost:6379",
					"spring.data.redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001")
			.run((context) -> assertThat(context.getBean(LettuceConnectionFactory.class).isClusterAware()).isTrue());
	}

	@Test
	void backsOffWithoutSpringDataRedis() {
		this.runner.withBean("script", RedisScript.class, () -> RedisScript.of("return 1", Long.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RedisWarmup.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withBean("script", RedisScript.class, () -> RedisScript.of("return 1", Long.class))
			.withPropertyValues("edge.redis.warmup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisWarmup.class));
	}

}
