package io.github.bffsuite.bench.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * The benchmark's {@code jwt-cached} row ({@code --bench.jwt.cached=true}): Spring Boot's
 * resource server as a team that tunes Spring Security would set it up. Validated tokens
 * are remembered until they expire (bounded, time claims checked on every hit), and the
 * chain is the shortest {@link ServerHttpSecurity} builds for a bearer-token API:
 * stateless, no request cache, CSRF, form or basic login, no security observations. It is
 * the honest "Spring Security, tuned" peer of the edge's fast path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.jwt.cached", havingValue = "true")
class CachedJwtConfiguration {

	private static final int MAX_TOKENS = 10_000;

	@Bean
	ReactiveJwtDecoder cachingJwtDecoder(
			@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") String jwkSetUri) {
		ReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
		Map<String, Jwt> validated = new ConcurrentHashMap<>();
		return (token) -> {
			Jwt cached = validated.get(token);
			if (cached != null && (cached.getExpiresAt() == null || Instant.now().isBefore(cached.getExpiresAt()))) {
				return Mono.just(cached);
			}
			return decoder.decode(token).doOnNext((jwt) -> {
				if (validated.size() >= MAX_TOKENS) {
					validated.clear();
				}
				validated.put(token, jwt);
			});
		};
	}

	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	SecurityWebFilterChain minimalChain(ServerHttpSecurity http) {
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((server) -> server.jwt((jwt) -> {
			}))
			.build();
	}

}
