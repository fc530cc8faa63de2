package io.github.bffsuite.edge.security.jwt;

import java.time.Clock;

import io.github.bffsuite.edge.security.ConditionalOnEdgeMechanism;
import io.github.bffsuite.edge.security.ConditionalOnEdgeSecurity;
import io.github.bffsuite.edge.security.EdgeSecurityAutoConfiguration;
import io.github.bffsuite.edge.security.EdgeSecurityCustomizer;
import io.github.bffsuite.edge.security.EdgeSecurityProperties;
import io.github.bffsuite.edge.security.ProblemAccessDeniedHandler;
import io.github.bffsuite.edge.security.ProblemAuthenticationEntryPoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of JWT bearer token validation at the edge: a JWKS cached and
 * refreshed with a cooldown, pinned algorithms, issuer and audience checks, validated
 * tokens remembered (with Caffeine on the class path), and the claims mapped to the edge
 * principal.
 */
@AutoConfiguration(before = { EdgeSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
		ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnEdgeSecurity
@ConditionalOnEdgeMechanism(EdgeSecurityProperties.Mechanism.JWT)
@EnableConfigurationProperties(EdgeJwtProperties.class)
public final class EdgeJwtAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CachingJwksSource edgeJwksSource(EdgeJwtProperties jwt) {
		return new CachingJwksSource(WebClient.create(), jwt.getIssuerUri(), jwt.getJwkSetUri(), jwt.getJwksCacheTtl(),
				jwt.getJwksRefreshCooldown(), jwt.getJwksTimeout(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder edgeJwtDecoder(EdgeJwtProperties jwt, CachingJwksSource keys,
			ObjectProvider<MeterRegistry> meterRegistry, ResourceLoader resourceLoader) {
		ReactiveJwtDecoder decoder = EdgeJwtDecoders.create(jwt, keys);
		if (jwt.getTokenCacheSize() <= 0 || !ClassUtils.isPresent("com.github.benmanes.caffeine.cache.Caffeine",
				resourceLoader.getClassLoader())) {
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
	EdgeJwtAuthenticationConverter edgeJwtAuthenticationConverter(EdgeJwtProperties jwt) {
		return new EdgeJwtAuthenticationConverter(jwt);
	}

	@Bean
	@ConditionalOnMissingBean
	FastJwtAuthenticator edgeFastJwtAuthenticator(ReactiveJwtDecoder decoder,
			EdgeJwtAuthenticationConverter converter) {
		return new FastJwtAuthenticator(decoder, converter);
	}

	@Bean
	EdgeSecurityCustomizer edgeJwtSecurityCustomizer(ReactiveJwtDecoder decoder,
			EdgeJwtAuthenticationConverter converter, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler accessDenied) {
		return (http) -> http
			.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter)));
	}

}
