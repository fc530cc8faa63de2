package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
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
	EdgeAuthorizationManager edgeAuthorizationManager(EdgeSecurityProperties properties, EdgeWebProperties web,
			ScopeRules rules) {
		return new EdgeAuthorizationManager(!web.getCors().getAllowedOrigins().isEmpty(), properties.getPermitPaths(),
				rules, properties.getRulesDefault());
	}

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain edgeSecurityWebFilterChain(ServerHttpSecurity http, EdgeWebProperties web,
			EdgeAuthorizationManager authorization, ProblemAuthenticationEntryPoint entryPoint,
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
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().access(authorization));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		return http.build();
	}

	/**
	 * The fused fast path ({@link EdgeFastPathWebFilter}), put in the web handler's
	 * filter list in place of the filters it stands for.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebHttpHandlerBuilderCustomizer.class)
	@ConditionalOnProperty(name = "edge.security.fast-path.enabled", matchIfMissing = true)
	static class FastPathConfiguration {

		@Bean
		EdgeFastPathInstaller edgeFastPathInstaller(ApplicationContext context,
				ObjectProvider<SecurityWebFilterChain> chains, ObjectProvider<ServerWebExchangeFirewall> firewall,
				ObjectProvider<EdgeFastAuthenticator> authenticators, EdgeAuthorizationManager authorization,
				ProblemAccessDeniedHandler accessDenied, ObjectProvider<MeterRegistry> registry) {
			SecurityWebFilterChain edge = context.containsBean("edgeSecurityWebFilterChain")
					? context.getBean("edgeSecurityWebFilterChain", SecurityWebFilterChain.class) : null;
			return new EdgeFastPathInstaller(context, chains.orderedStream().toList(), edge, firewall.getIfUnique(),
					authenticators.orderedStream().toList(), authorization, accessDenied, registry.getIfUnique());
		}

		@Bean
		WebHttpHandlerBuilderCustomizer edgeFastPathWebHandlerCustomizer(EdgeFastPathInstaller installer) {
			return (builder) -> builder.filters(installer);
		}

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
