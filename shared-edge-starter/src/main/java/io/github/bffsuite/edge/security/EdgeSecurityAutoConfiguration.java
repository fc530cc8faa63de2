package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.github.bffsuite.edge.web.ProblemResponseWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;

/**
 * Auto-configuration of edge authentication and authorization: a stateless security
 * filter chain with JWT bearer tokens and/or API keys, scope rules, and problem+json 401
 * and 403 answers.
 */
@AutoConfiguration(after = { EdgeWebAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class },
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(SecurityWebFilterChain.class)
@ConditionalOnProperty(name = "edge.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ EdgeSecurityProperties.class, EdgeWebProperties.class })
@Import({ EdgeJwtConfiguration.class, EdgeApiKeyConfiguration.class, EdgeSecurityFilterChainConfiguration.class })
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
			EdgeSecurityProperties properties, ObjectProvider<EdgeAuthenticationFailureListener> listeners) {
		return new ProblemAuthenticationEntryPoint(writer, properties.getApiKey().getHeader(),
				listeners.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemAccessDeniedHandler edgeAccessDeniedHandler(ProblemResponseWriter writer, ScopeRules rules,
			ObjectProvider<EdgeAuthenticationFailureListener> listeners) {
		return new ProblemAccessDeniedHandler(writer, rules, listeners.orderedStream().toList());
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
