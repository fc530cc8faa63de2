package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.github.bffsuite.edge.web.ProblemResponseWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;

/**
 * Auto-configuration of edge authentication and authorization: a stateless security
 * filter chain with scope rules and problem+json 400, 401 and 403 answers, to which the
 * JWT and API key auto-configurations add their mechanism.
 */
@AutoConfiguration(after = EdgeWebAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnEdgeSecurity
@EnableConfigurationProperties({ EdgeSecurityProperties.class, EdgeWebProperties.class })
@Import(EdgeSecurityFilterChainConfiguration.class)
public final class EdgeSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecurityObservationSettings edgeSecurityObservationSettings(EdgeSecurityProperties properties) {
		return properties.isObservations() ? SecurityObservationSettings.withDefaults().build()
				: SecurityObservationSettings.noObservations();
	}

	@Bean
	@ConditionalOnMissingBean
	ScopeRules edgeScopeRules(EdgeSecurityProperties properties) {
		return new ScopeRules(properties.getRules());
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAuthenticationEntryPoint edgeAuthenticationEntryPoint(ProblemResponseWriter writer,
			ObjectProvider<EdgeAuthenticationFailureListener> listeners) {
		return new ProblemAuthenticationEntryPoint(writer, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAccessDeniedHandler edgeAccessDeniedHandler(ProblemResponseWriter writer, ScopeRules rules,
			ObjectProvider<EdgeAuthenticationFailureListener> listeners) {
		return new ProblemAccessDeniedHandler(writer, rules, listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean(ServerWebExchangeFirewall.class)
	@ConditionalOnProperty(name = "edge.security.firewall.check-once", matchIfMissing = true)
	CheckOnceServerWebExchangeFirewall edgeServerWebExchangeFirewall() {
		return new CheckOnceServerWebExchangeFirewall();
	}

	@Bean
	@ConditionalOnMissingBean(ServerExchangeRejectedHandler.class)
	ProblemExchangeRejectedHandler edgeExchangeRejectedHandler(ProblemResponseWriter writer) {
		return new ProblemExchangeRejectedHandler(writer);
	}

	/**
	 * Switches Spring Security's WebFlux support on unless the application did (its own
	 * {@code @EnableWebFluxSecurity}) or defined the filter chain proxy another way, as
	 * Spring Boot's own reactive web security does.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(WebFilterChainProxy.class)
	@EnableWebFluxSecurity
	static class EnableWebFluxSecurityConfiguration {

	}

}
