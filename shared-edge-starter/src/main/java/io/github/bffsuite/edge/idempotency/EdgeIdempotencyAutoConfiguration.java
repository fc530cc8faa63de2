package io.github.bffsuite.edge.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Auto-configuration of idempotency keys: the web filter for the paths bound under
 * {@code edge.idempotency.bindings}, and the in-memory or Redis store.
 * <p>
 * The in-memory store needs Caffeine and the Redis store Spring Data Redis on the class
 * path; without a store (of its own or the application's) the web filter backs off.
 */
@AutoConfiguration(after = EdgeWebAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.idempotency.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeIdempotencyProperties.class)
public final class EdgeIdempotencyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IdempotencyMetrics edgeIdempotencyMetrics(ObjectProvider<MeterRegistry> registry) {
		return new IdempotencyMetrics(registry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(IdempotencyStore.class)
	IdempotencyWebFilter edgeIdempotencyWebFilter(EdgeIdempotencyProperties properties, IdempotencyStore store,
			ProblemResponseWriter problems, IdempotencyMetrics metrics) {
		return new IdempotencyWebFilter(properties, store, problems, metrics);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	@ConditionalOnProperty(name = "edge.idempotency.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "edgeIdempotencyReserveScript")
		@SuppressWarnings({ "unchecked", "rawtypes" })
		RedisScript<List<Object>> edgeIdempotencyReserveScript() throws IOException {
			return (RedisScript) RedisScript.of(script("edge_idempotency_reserve.lua"), List.class);
		}

		@Bean
		@ConditionalOnMissingBean(name = "edgeIdempotencyCompleteScript")
		RedisScript<Long> edgeIdempotencyCompleteScript() throws IOException {
			return RedisScript.of(script("edge_idempotency_complete.lua"), Long.class);
		}

		@Bean
		@ConditionalOnMissingBean(IdempotencyStore.class)
		RedisIdempotencyStore edgeRedisIdempotencyStore(ReactiveStringRedisTemplate redis,
				RedisScript<List<Object>> edgeIdempotencyReserveScript, RedisScript<Long> edgeIdempotencyCompleteScript,
				EdgeIdempotencyProperties properties) {
			return new RedisIdempotencyStore(redis, edgeIdempotencyReserveScript, edgeIdempotencyCompleteScript,
					properties.getRedis().getKeyPrefix(), properties.getRedis().getTimeout());
		}

		private static String script(String name) throws IOException {
			// read once into a string: a resource-backed script re-checks the jar on
			// every call
			return new ClassPathResource("META-INF/scripts/" + name).getContentAsString(StandardCharsets.UTF_8);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Caffeine.class)
	@ConditionalOnProperty(name = "edge.idempotency.store", havingValue = "memory", matchIfMissing = true)
	static class MemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(IdempotencyStore.class)
		InMemoryIdempotencyStore edgeInMemoryIdempotencyStore(EdgeIdempotencyProperties properties) {
			return new InMemoryIdempotencyStore(properties.getMemory().getMaxKeys());
		}

	}

}
