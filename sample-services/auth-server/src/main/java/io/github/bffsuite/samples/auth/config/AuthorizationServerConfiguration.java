package io.github.bffsuite.samples.auth.config;

import io.github.bffsuite.samples.auth.client.DemoClients;
import io.github.bffsuite.samples.auth.key.RotatingJwkSource;
import io.github.bffsuite.samples.auth.token.BffTokenCustomizer;
import io.github.bffsuite.samples.auth.token.PublicClientRefreshTokenGenerator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * Issuer beans: dev-only registered clients, the rotating signing keys and the token
 * generator that signs with the current key, shapes the claims and issues refresh tokens
 * to the public clients.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	@Bean
	RegisteredClientRepository registeredClientRepository(PasswordEncoder passwordEncoder) {
		return new InMemoryRegisteredClientRepository(DemoClients.create(passwordEncoder));
	}

	@Bean
	RotatingJwkSource jwkSource() {
		return new RotatingJwkSource();
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> bffTokenCustomizer() {
		return new BffTokenCustomizer();
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(RotatingJwkSource jwkSource,
			OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer) {
		NimbusJwtEncoder encoder = new NimbusJwtEncoder(jwkSource);
		encoder.setJwkSelector(jwkSource::selectSigningKey);
		JwtGenerator jwtGenerator = new JwtGenerator(encoder);
		jwtGenerator.setJwtCustomizer(tokenCustomizer);
		return new DelegatingOAuth2TokenGenerator(jwtGenerator, new OAuth2AccessTokenGenerator(),
				new PublicClientRefreshTokenGenerator());
	}

}
