package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.github.bffsuite.edge.web.ProblemResponseWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The edge's security filter chain: stateless, no sessions, forms or CSRF; public paths,
 * scope rules, then authentication for everything else
 * ({@link EdgeAuthorizationManager}), by the mechanisms that
 * {@link EdgeSecurityCustomizer}s add.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityFilterChainConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain edgeSecurityWebFilterChain(ServerHttpSecurity http, EdgeSecurityProperties properties,
			EdgeWebProperties web, ScopeRules rules, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler accessDenied, ProblemResponseWriter problems,
			ObjectProvider<EdgeSecurityCustomizer> customizers) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		configureCors(http, web.getCors(), problems);
		EdgeAuthorizationManager authorization = new EdgeAuthorizationManager(
				!web.getCors().getAllowedOrigins().isEmpty(), properties.getPermitPaths(), rules,
				properties.getRulesDefault());
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().access(authorization));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	private static void configureCors(ServerHttpSecurity http, EdgeWebProperties.Cors cors,
			ProblemResponseWriter problems) {
		// Spring Security's own CORS filter answers a refusal with an empty 403
		http.cors(ServerHttpSecurity.CorsSpec::disable);
		if (cors.getAllowedOrigins().isEmpty()) {
			return;
		}
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(cors.getAllowedOrigins());
		configuration.setAllowedMethods(cors.getAllowedMethods());
		configuration.setAllowedHeaders(cors.getAllowedHeaders());
		configuration.setExposedHeaders(cors.getExposedHeaders());
		configuration.setAllowCredentials(cors.isAllowCredentials());
		configuration.setMaxAge(cors.getMaxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", configuration);
		http.addFilterAt(new ProblemCorsWebFilter(source, problems), SecurityWebFiltersOrder.CORS);
	}

}
