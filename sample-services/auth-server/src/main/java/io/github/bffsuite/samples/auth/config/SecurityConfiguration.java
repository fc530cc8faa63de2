package io.github.bffsuite.samples.auth.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.github.bffsuite.samples.auth.token.DefaultScopesClientCredentialsAuthenticationConverter;
import io.github.bffsuite.samples.auth.token.PublicClientRefreshTokenAuthenticationConverter;
import io.github.bffsuite.samples.auth.token.PublicClientRefreshTokenAuthenticationProvider;
import io.github.bffsuite.samples.auth.user.DemoUsers;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Security filter chains of the issuer: the authorization server endpoints (with OIDC and
 * refresh tokens for public clients), the dev-only admin endpoint, and form login for
 * everything else, with health open to all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthDevProperties.class)
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http, AuthorizationServerSettings settings,
			OAuth2TokenGenerator<?> tokenGenerator, RegisteredClientRepository registeredClients,
			AuthDevProperties dev) {
		// not a bean: an AuthenticationProvider bean would switch off the form login's
		// user store
		PublicClientRefreshTokenAuthenticationProvider publicClientRefresh = new PublicClientRefreshTokenAuthenticationProvider(
				registeredClients);
		http.oauth2AuthorizationServer((authorizationServer) -> {
			// the token endpoint's matcher names POST only; its CORS preflight belongs
			// here too
			http.securityMatcher(new OrRequestMatcher(authorizationServer.getEndpointsMatcher(),
					PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.OPTIONS, settings.getTokenEndpoint())));
			authorizationServer.oidc(Customizer.withDefaults())
				.tokenGenerator(tokenGenerator)
				.tokenEndpoint((tokenEndpoint) -> tokenEndpoint.accessTokenRequestConverters(
						(converters) -> converters.add(0, new DefaultScopesClientCredentialsAuthenticationConverter())))
				.clientAuthentication((clientAuthentication) -> clientAuthentication
					.authenticationConverters((converters) -> converters
						.add(new PublicClientRefreshTokenAuthenticationConverter(settings.getTokenEndpoint())))
					// ahead of the PKCE provider, which would reject a refresh without
					// code_verifier
					.authenticationProviders((providers) -> providers.add(0, publicClientRefresh)));
		})
			// a preflight is answered by the CORS filter ahead of authentication; without
			// it the
			// browser's OPTIONS got the login redirect
			.cors((cors) -> cors.configurationSource(tokenEndpointCors(settings, dev)))
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), htmlRequests()));
		return http.build();
	}

	/**
	 * Dev-only: the token endpoint answers CORS for {@code auth.dev.cors-allowed-origins}
	 * (a gateway's Swagger UI posting client credentials from its own origin). No cookies
	 * are involved, so credentials stay off; every other endpoint gets no CORS headers.
	 */
	private static CorsConfigurationSource tokenEndpointCors(AuthorizationServerSettings settings,
			AuthDevProperties dev) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!dev.getCorsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(dev.getCorsAllowedOrigins());
			cors.setAllowedMethods(List.of("POST"));
			cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Requested-With"));
			cors.setMaxAge(Duration.ofHours(1));
			source.registerCorsConfiguration(settings.getTokenEndpoint(), cors);
		}
		return source;
	}

	/**
	 * Browsers go to the login page; API clients sending no or a wildcard Accept header
	 * get a 401 instead of a redirect.
	 */
	private static MediaTypeRequestMatcher htmlRequests() {
		MediaTypeRequestMatcher matcher = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		matcher.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return matcher;
	}

	/**
	 * Dev-only: {@code /admin/**} is open and without CSRF protection so that a developer
	 * can rotate the signing key with a plain {@code curl -X POST}.
	 */
	@Bean
	@Order(2)
	@ConditionalOnBooleanProperty(name = "auth.dev.key-rotation-enabled", matchIfMissing = true)
	SecurityFilterChain devAdminSecurityFilterChain(HttpSecurity http) {
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http) {
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
					.permitAll()
					.anyRequest()
					.authenticated())
			.formLogin(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Dev-only demo users, logging in by login name with the demo password.
	 */
	@Bean
	UserDetailsService userDetailsService(PasswordEncoder passwordEncoder) {
		String encodedPassword = passwordEncoder.encode(DemoUsers.PASSWORD);
		UserDetails[] users = DemoUsers.all()
			.stream()
			.map((user) -> User.withUsername(user.login())
				.password(encodedPassword)
				.roles(user.roles().stream().map(String::toUpperCase).toArray(String[]::new))
				.build())
			.toArray(UserDetails[]::new);
		return new InMemoryUserDetailsManager(users);
	}

}
