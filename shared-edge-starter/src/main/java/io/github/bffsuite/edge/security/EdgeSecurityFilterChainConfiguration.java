package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.ratelimit.ClientAddressResolver;

import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationManager;
import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationToken;
import io.github.bffsuite.edge.security.jwt.EdgeJwtAuthenticationConverter;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The edge's security filter chain: stateless, no sessions, forms or CSRF; public paths,
 * scope rules, then authentication for everything else.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityFilterChainConfiguration {

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain edgeSecurityWebFilterChain(ServerHttpSecurity http, EdgeSecurityProperties properties,
			EdgeWebProperties web, ScopeRules rules, ProblemAuthenticationEntryPoint entryPoint,
			ProblemAccessDeniedHandler accessDenied, ObjectProvider<ReactiveJwtDecoder> jwtDecoder,
			ObjectProvider<EdgeJwtAuthenticationConverter> jwtConverter,
			ObjectProvider<ApiKeyAuthenticationManager> apiKeys, ObjectProvider<ClientAddressResolver> addresses) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		configureCors(http, web.getCors());
		http.authorizeExchange((exchanges) -> {
			if (!web.getCors().getAllowedOrigins().isEmpty()) {
				exchanges.pathMatchers(HttpMethod.OPTIONS).permitAll();
			}
			if (!properties.getPermitPaths().isEmpty()) {
				exchanges.matchers(new PathMatcher(properties.getPermitPaths(), Set.of())).permitAll();
			}
			for (ScopeRules.Rule rule : rules.rules()) {
				exchanges.matchers(rule.matcher()).access((authentication, context) -> rule.check(authentication));
			}
			if (properties.getRulesDefault() == EdgeSecurityProperties.RulesDefault.DENY) {
				// a caller without credentials still gets the 401 challenge (the
				// exception
				// translation filter answers a denial without a principal that way)
				exchanges.anyExchange().denyAll();
			}
			else {
				exchanges.anyExchange().authenticated();
			}
		});
		ReactiveJwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (decoder != null) {
			EdgeJwtAuthenticationConverter converter = jwtConverter.getObject();
			http.oauth2ResourceServer((resourceServer) -> resourceServer.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied)
				.jwt((jwt) -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter)));
		}
		ApiKeyAuthenticationManager apiKeyManager = apiKeys.getIfAvailable();
		if (apiKeyManager != null) {
			ClientAddressResolver resolver = addresses.getIfAvailable(() -> new ClientAddressResolver(List.of()));
			http.addFilterAt(apiKeyFilter(apiKeyManager, properties.getApiKey().getHeader(), entryPoint, resolver),
					SecurityWebFiltersOrder.AUTHENTICATION);
		}
		return http.build();
	}

	private static AuthenticationWebFilter apiKeyFilter(ApiKeyAuthenticationManager manager, String header,
			ProblemAuthenticationEntryPoint entryPoint, ClientAddressResolver addresses) {
		AuthenticationWebFilter filter = new AuthenticationWebFilter(manager);
		filter.setRequiresAuthenticationMatcher((exchange) -> exchange.getRequest().getHeaders().containsHeader(header)
				? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch());
		filter.setServerAuthenticationConverter(
				(exchange) -> Mono.justOrEmpty(exchange.getRequest().getHeaders().getFirst(header))
					.filter((key) -> !key.isBlank())
					.map((key) -> new ApiKeyAuthenticationToken(key, addresses.resolve(exchange.getRequest()))));
		filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(entryPoint));
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return filter;
	}

	private static void configureCors(ServerHttpSecurity http, EdgeWebProperties.Cors cors) {
		if (cors.getAllowedOrigins().isEmpty()) {
			http.cors(ServerHttpSecurity.CorsSpec::disable);
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
		http.cors((spec) -> spec.configurationSource(source));
	}

}
