package io.github.bffsuite.edge.ratelimit.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitProperties;
import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Auto-configuration of the rate limit store: Redis when
 * {@code edge.rate-limit.store=redis}, else memory. Sits beside the store implementations
 * so that the rate limit package itself never depends on them. The Redis store needs
 * Spring Data Redis and resilience4j (circuit breaker and reactor operator) on the class
 * path; without them only the memory store is available.
 */
@AutoConfiguration(before = EdgeRateLimitAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeRateLimitProperties.class)
@Import({ EdgeRateLimitStoreAutoConfiguration.Redis.class, EdgeRateLimitStoreAutoConfiguration.Memory.class })
public final class EdgeRateLimitStoreAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveStringRedisTemplate.class, CircuitBreaker.class, CircuitBreakerOperator.class })
	@ConditionalOnProperty(name = "edge.rate-limit.store", havingValue = "redis")
	static class Redis {

		private static final Log logger = LogFactory.getLog(RedisRateLimitStore.class);

		@Bean
		@ConditionalOnMissingBean(name = "edgeRateLimitScript")
		@SuppressWarnings({ "unchecked", "rawtypes" })
		RedisScript<List<Long>> edgeRateLimitScript() throws IOException {
			// Read once: a resource-backed script checks its last-modified time
			// before every call, which inside a jar throws and catches an
			// exception per request (a tenth of a Redis-limited route's CPU)
			String lua = new ClassPathResource("META-INF/scripts/edge_token_bucket.lua")
				.getContentAsString(StandardCharsets.UTF_8);
			return (RedisScript) RedisScript.of(lua, List.class);
		}

		@Bean
		@ConditionalOnMissingBean(RateLimitStore.class)
		RedisRateLimitStore edgeRedisRateLimitStore(ReactiveStringRedisTemplate redis,
				RedisScript<List<Long>> edgeRateLimitScript, EdgeRateLimitProperties properties,
				ObjectProvider<MeterRegistry> registry) {
			EdgeRateLimitProperties.Redis settings = properties.getRedis();
			CircuitBreaker circuitBreaker = circuitBreaker(settings.getCircuitBreaker());
			InMemoryRateLimitStore fallback = new InMemoryRateLimitStore(properties.getMemory().getMaxKeys(),
					properties.getMemory().getSweepInterval(), Clock.systemUTC(),
					RateLimitDecision.Origin.LOCAL_FALLBACK);
			RedisRateLimitStore store = new RedisRateLimitStore(redis, edgeRateLimitScript, settings.getKeyPrefix(),
					settings.getTimeout(), settings.getColdStartTimeout(), settings.getColdStartPeriod(),
					circuitBreaker, settings.getCircuitBreaker().getWaitDurationInOpenState(), fallback);
			MeterRegistry meters = registry.getIfUnique();
			if (meters != null) {
				Gauge
					.builder(RedisRateLimitStore.DEGRADED_GAUGE, store, (redisStore) -> redisStore.isDegraded() ? 1 : 0)
					.description("Whether rate limiting runs without Redis")
					.register(meters);
			}
			return store;
		}

		private static CircuitBreaker circuitBreaker(EdgeRateLimitProperties.RedisCircuitBreaker settings) {
			CircuitBreaker circuitBreaker = CircuitBreaker.of("edgeRateLimitRedis",
					settings.toConfig().automaticTransitionFromOpenToHalfOpenEnabled(false).build());
			if (!settings.isEnabled()) {
				circuitBreaker.transitionToDisabledState();
			}
			circuitBreaker.getEventPublisher()
				.onStateTransition((event) -> logger.warn("Rate limit Redis circuit " + event.getStateTransition()));
			return circuitBreaker;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.rate-limit.store", havingValue = "memory", matchIfMissing = true)
	static class Memory {

		@Bean
		@ConditionalOnMissingBean(RateLimitStore.class)
		InMemoryRateLimitStore edgeInMemoryRateLimitStore(EdgeRateLimitProperties properties) {
			return new InMemoryRateLimitStore(properties.getMemory().getMaxKeys(),
					properties.getMemory().getSweepInterval(), Clock.systemUTC(), RateLimitDecision.Origin.MEMORY);
		}

	}

}
