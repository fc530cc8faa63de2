package io.github.bffsuite.edge.ratelimit;

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
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of edge rate limiting: policies and plans, key resolution, the web
 * filter for path bindings, decision metrics and the {@code edgeRateLimit} health
 * indicator. The store and the {@code LimitRequestRate} gateway filter are configured
 * beside their implementations, by {@code EdgeRateLimitStoreAutoConfiguration} and
 * {@code EdgeRateLimitGatewayAutoConfiguration}.
 */
@AutoConfiguration(after = EdgeWebAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "edge.rate-limit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeRateLimitProperties.class)
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
	RateLimitKeyResolver edgeRateLimitKeyResolver(ClientAddressResolver addresses) {
		return new PrincipalRateLimitKeyResolver(addresses);
	}

	@Bean
	@ConditionalOnMissingBean
	RateLimitMetrics edgeRateLimitMetrics(ObjectProvider<MeterRegistry> registry) {
		return new RateLimitMetrics(registry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeRateLimiter edgeRateLimiter(RateLimitPolicies policies, RateLimitStore store, RateLimitKeyResolver keys,
			ProblemResponseWriter problems, RateLimitMetrics metrics, EdgeRateLimitProperties properties,
			ObjectProvider<RateLimitListener> listeners) {
		EdgeRateLimiter limiter = new EdgeRateLimiter(policies, store, keys, problems, metrics);
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
			return new RateLimitHealthIndicator(properties.getStore(), store);
		}

	}

}
