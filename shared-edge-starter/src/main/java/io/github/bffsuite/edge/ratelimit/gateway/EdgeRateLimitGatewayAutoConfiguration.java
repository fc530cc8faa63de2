package io.github.bffsuite.edge.ratelimit.gateway;

import io.github.bffsuite.edge.ratelimit.EdgeRateLimitAutoConfiguration;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code LimitRequestRate} gateway filter (and of its former
 * name, {@code EdgeRateLimit}), when Spring Cloud Gateway is present and edge rate
 * limiting is configured.
 */
@AutoConfiguration(after = EdgeRateLimitAutoConfiguration.class)
@ConditionalOnClass(AbstractGatewayFilterFactory.class)
@ConditionalOnBean(EdgeRateLimiter.class)
public final class EdgeRateLimitGatewayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ignored = EdgeRateLimitGatewayFilterFactory.class)
	LimitRequestRateGatewayFilterFactory limitRequestRateGatewayFilterFactory(EdgeRateLimiter limiter) {
		return new LimitRequestRateGatewayFilterFactory(limiter);
	}

	@Bean
	@ConditionalOnMissingBean
	@SuppressWarnings("deprecation")
	EdgeRateLimitGatewayFilterFactory edgeRateLimitGatewayFilterFactory(EdgeRateLimiter limiter) {
		return new EdgeRateLimitGatewayFilterFactory(limiter);
	}

}
