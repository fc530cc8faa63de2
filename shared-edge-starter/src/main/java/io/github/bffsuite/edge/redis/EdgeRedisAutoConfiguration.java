package io.github.bffsuite.edge.redis;

import io.github.bffsuite.edge.idempotency.EdgeIdempotencyAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Auto-configuration of the Redis warm-up: when an edge feature keeps its state in Redis
 * (it has registered a {@link RedisScript}), connections and scripts are made ready
 * before the web server starts.
 */
@AutoConfiguration(after = { EdgeRateLimitAutoConfiguration.class, EdgeIdempotencyAutoConfiguration.class },
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration")
@ConditionalOnClass(ReactiveRedisConnectionFactory.class)
@ConditionalOnBean({ ReactiveRedisConnectionFactory.class, RedisScript.class })
@ConditionalOnProperty(name = "edge.redis.warmup.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeRedisProperties.class)
public final class EdgeRedisAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RedisWarmup edgeRedisWarmup(ReactiveRedisConnectionFactory connectionFactory,
			ObjectProvider<RedisScript<?>> scripts, EdgeRedisProperties properties) {
		return new RedisWarmup(connectionFactory, scripts.orderedStream().toList(),
				properties.getWarmup().getTimeout());
	}

}
