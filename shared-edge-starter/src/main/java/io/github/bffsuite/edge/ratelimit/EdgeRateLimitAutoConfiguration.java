package io.github.bffsuite.edge.ratelimit;

import io.github.bffsuite.edge.ratelimit.gateway.EdgeRateLimitGatewayFilterFactory;
import io.github.bffsuite.edge.ratelimit.store.RedisRateLimitStore;
import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of edge rate limiting: policies and plans, the in-memory or Redis
 * store, the web filter for path bindings, the {@code EdgeRateLimit} gateway filter,
 * decision metrics and the {@code edgeRateLimit} health indicator.
 */
@AutoConfiguration(after = { EdgeWebAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeRateLimitProperties.class)
@Import({ EdgeRateLimitStoreConfiguration.Redis.class, EdgeRateLimitStoreConfiguration.Memory.class })
public final class EdgeRateLimitAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimitPolicies edgeRateLimitPolicies(EdgeRateLimitProperties properties) {
		return new RateLimitPolicies(properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientAddressResolver edgeClientAddressResolver(EdgeRateLimitProperties properties) {
		return new ClientAddressResolver(properties.getTrustedProxies());
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitMetrics edgeRateLimitMetrics(ObjectProvider<MeterRegistry> registry) {
		return new RateLimitMetrics(registry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeRateLimiter edgeRateLimiter(RateLimitPolicies policies, RateLimitStore store, ClientAddressResolver addresses,
			ProblemResponseWriter problems, RateLimitMetrics metrics, EdgeRateLimitProperties properties,
			ObjectProvider<RateLimitListener> listeners) {
		EdgeRateLimiter limiter = new EdgeRateLimiter(policies, store, addresses, problems, metrics);
		limiter.setHeaderSyntax(properties.getHeaderSyntax());
		limiter.setListeners(listeners.orderedStream().toList());
		return limiter;
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeRateLimitWebFilter edgeRateLimitWebFilter(EdgeRateLimiter limiter, EdgeRateLimitProperties properties) {
		return new EdgeRateLimitWebFilter(limiter, properties.getBindings());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "edgeRateLimitHealthIndicator")
		RateLimitHealthIndicator edgeRateLimitHealthIndicator(EdgeRateLimitProperties properties,
				RateLimitStore store) {
			return new RateLimitHealthIndicator(properties.getStore(),
					(store instanceof RedisRateLimitStore redis) ? redis.getCircuitBreaker() : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AbstractGatewayFilterFactory.class)
	static class GatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EdgeRateLimitGatewayFilterFactory edgeRateLimitGatewayFilterFactory(EdgeRateLimiter limiter) {
			return new EdgeRateLimitGatewayFilterFactory(limiter);
		}

	}

}
