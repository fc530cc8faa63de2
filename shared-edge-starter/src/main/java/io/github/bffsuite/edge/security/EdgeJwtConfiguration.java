package io.github.bffsuite.edge.security;

import java.time.Clock;

import io.github.bffsuite.edge.security.jwt.CachingJwksSource;
import io.github.bffsuite.edge.security.jwt.CachingReactiveJwtDecoder;
import io.github.bffsuite.edge.security.jwt.EdgeJwtAuthenticationConverter;
import io.github.bffsuite.edge.security.jwt.EdgeJwtDecoders;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * JWT bearer token validation.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEdgeMechanism(EdgeSecurityProperties.Mechanism.JWT)
class EdgeJwtConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachingJwksSource edgeJwksSource(EdgeSecurityProperties properties) {
		EdgeSecurityProperties.Jwt jwt = properties.getJwt();
		return new CachingJwksSource(WebClient.create(), jwt.getIssuerUri(), jwt.getJwkSetUri(), jwt.getJwksCacheTtl(),
				jwt.getJwksRefreshCooldown(), jwt.getJwksTimeout(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder edgeJwtDecoder(EdgeSecurityProperties properties, CachingJwksSource keys,
			ObjectProvider<MeterRegistry> meterRegistry) {
		EdgeSecurityProperties.Jwt jwt = properties.getJwt();
		ReactiveJwtDecoder decoder = EdgeJwtDecoders.create(jwt, keys);
		if (jwt.getTokenCacheSize() <= 0) {
			return decoder;
		}
		CachingReactiveJwtDecoder caching = new CachingReactiveJwtDecoder(decoder, jwt.getTokenCacheSize(),
				jwt.getTokenCacheTtl(), jwt.getClockSkew(), Clock.systemUTC());
		meterRegistry
			.ifAvailable((registry) -> CaffeineCacheMetrics.monitor(registry, caching.cache(), "edge.jwt.tokens"));
		return caching;
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeJwtAuthenticationConverter edgeJwtAuthenticationConverter(EdgeSecurityProperties properties) {
		return new EdgeJwtAuthenticationConverter(properties.getJwt());
	}

}
