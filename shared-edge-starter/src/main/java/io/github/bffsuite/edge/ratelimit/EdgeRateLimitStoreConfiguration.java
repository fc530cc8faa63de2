package io.github.bffsuite.edge.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import io.github.bffsuite.edge.ratelimit.store.InMemoryRateLimitStore;
import io.github.bffsuite.edge.ratelimit.store.RedisRateLimitStore;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The rate limit store: Redis when {@code edge.rate-limit.store=redis}, else memory.
 */
final class EdgeRateLimitStoreConfiguration {

	/** Gauge that is 1 while the Redis circuit is not closed. */
	static final String DEGRADED_GAUGE = "edge.ratelimit.redis.degraded";

	private EdgeRateLimitStoreConfiguration() {
	}

	@Configuration(proxyBeanMethods = false)
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
			MeterRegistry meters = registry.getIfUnique();
			if (meters != null) {
				Gauge
					.builder(DEGRADED_GAUGE, circuitBreaker,
							(breaker) -> (breaker.getState() != CircuitBreaker.State.CLOSED) ? 1 : 0)
					.description("Whether rate limiting runs without Redis")
					.register(meters);
			}
			return new RedisRateLimitStore(redis, edgeRateLimitScript, settings.getKeyPrefix(), settings.getTimeout(),
					settings.getColdStartTimeout(), settings.getColdStartPeriod(), circuitBreaker,
					settings.getCircuitBreaker().getWaitInOpenState(), fallback);
		}

		private static CircuitBreaker circuitBreaker(EdgeRateLimitProperties.CircuitBreaker settings) {
			CircuitBreakerConfig config = CircuitBreakerConfig.custom()
				.failureRateThreshold(settings.getFailureRateThreshold())
				.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
				.slidingWindowSize(settings.getSlidingWindowSize())
				.minimumNumberOfCalls(settings.getMinimumNumberOfCalls())
				.waitDurationInOpenState(settings.getWaitInOpenState())
				.permittedNumberOfCallsInHalfOpenState(settings.getPermittedCallsInHalfOpenState())
				.automaticTransitionFromOpenToHalfOpenEnabled(false)
				.build();
			CircuitBreaker circuitBreaker = CircuitBreaker.of("edgeRateLimitRedis", config);
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
