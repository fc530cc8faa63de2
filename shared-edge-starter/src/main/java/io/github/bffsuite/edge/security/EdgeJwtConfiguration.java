package io.github.bffsuite.edge.security;

import java.time.Clock;

import io.github.bffsuite.edge.security.jwt.CachingJwksSource;
import io.github.bffsuite.edge.security.jwt.EdgeJwtAuthenticationConverter;
import io.github.bffsuite.edge.security.jwt.EdgeJwtDecoders;

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
	ReactiveJwtDecoder edgeJwtDecoder(EdgeSecurityProperties properties, CachingJwksSource keys) {
		return EdgeJwtDecoders.create(properties.getJwt(), keys);
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeJwtAuthenticationConverter edgeJwtAuthenticationConverter(EdgeSecurityProperties properties) {
		return new EdgeJwtAuthenticationConverter(properties.getJwt());
	}

}
