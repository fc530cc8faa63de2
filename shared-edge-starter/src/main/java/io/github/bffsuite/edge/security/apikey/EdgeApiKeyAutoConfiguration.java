package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bffsuite.edge.ratelimit.ClientAddressResolver;
import io.github.bffsuite.edge.security.ConditionalOnEdgeMechanism;
import io.github.bffsuite.edge.security.ConditionalOnEdgeSecurity;
import io.github.bffsuite.edge.security.EdgeSecurityAutoConfiguration;
import io.github.bffsuite.edge.security.EdgeSecurityCustomizer;
import io.github.bffsuite.edge.security.EdgeSecurityProperties;
import io.github.bffsuite.edge.security.ProblemAuthenticationEntryPoint;
import io.github.bffsuite.edge.web.EdgeWebAutoConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * Auto-configuration of API key authentication at the edge, with an in-memory or Redis
 * key store. The Redis store needs Spring Data Redis and Caffeine (its local cache) on
 * the class path.
 */
@AutoConfiguration(after = EdgeWebAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
		before = { EdgeSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class })
@ConditionalOnEdgeSecurity
@ConditionalOnEdgeMechanism(EdgeSecurityProperties.Mechanism.API_KEY)
@EnableConfigurationProperties(EdgeApiKeyProperties.class)
public final class EdgeApiKeyAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EdgeApiKeyAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ApiKeyHasher edgeApiKeyHasher(EdgeApiKeyProperties apiKey) {
		return switch (apiKey.getHash()) {
			case HMAC_SHA256 -> ApiKeyHasher.hmacSha256((apiKey.getSecret() != null) ? apiKey.getSecret() : "");
			case SHA256 -> ApiKeyHasher.sha256();
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ApiKeyAuthenticationManager edgeApiKeyAuthenticationManager(ApiKeyStore store, ApiKeyHasher hasher,
			EdgeApiKeyProperties apiKey) {
		return new ApiKeyAuthenticationManager(store, hasher, Clock.systemUTC(), apiKey.isRequireChecksum(),
				apiKey.getTouchInterval());
	}

	@Bean
	EdgeSecurityCustomizer edgeApiKeySecurityCustomizer(ApiKeyAuthenticationManager manager,
			EdgeApiKeyProperties apiKey, ProblemAuthenticationEntryPoint entryPoint,
			ObjectProvider<ClientAddressResolver> addresses) {
		ClientAddressResolver resolver = addresses.getIfAvailable(() -> new ClientAddressResolver(List.of()));
		return (http) -> http.addFilterAt(apiKeyFilter(manager, apiKey.getHeader(), entryPoint, resolver),
				SecurityWebFiltersOrder.AUTHENTICATION);
	}

	@Bean
	@ConditionalOnMissingBean
	FastApiKeyAuthenticator edgeFastApiKeyAuthenticator(ApiKeyAuthenticationManager manager,
			EdgeApiKeyProperties apiKey, ObjectProvider<ClientAddressResolver> addresses) {
		return new FastApiKeyAuthenticator(manager, apiKey.getHeader(),
				addresses.getIfAvailable(() -> new ClientAddressResolver(List.of())));
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
		filter.setAuthenticationFailureHandler(new ApiKeyAuthenticationFailureHandler(entryPoint, header));
		filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		return filter;
	}

	private static List<ApiKeyRecord> configuredKeys(EdgeApiKeyProperties apiKey) {
		List<ApiKeyRecord> records = new ArrayList<>();
		for (Map.Entry<String, EdgeApiKeyProperties.KeyDefinition> entry : apiKey.getKeys().entrySet()) {
			EdgeApiKeyProperties.KeyDefinition key = entry.getValue();
			records.add(new ApiKeyRecord(entry.getKey(), key.getHash().toLowerCase(Locale.ROOT), key.getTenant(),
					key.getPlan(), key.getScopes(), key.getExpiresAt(), key.isRevoked(), entry.getKey(),
					key.getHint().contains("\u2026") ? key.getHint() : "", key.getCreatedAt(), null,
					key.getAllowedIps()));
		}
		return records;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ReactiveStringRedisTemplate.class, Caffeine.class })
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ApiKeyStore.class)
		RedisApiKeyStore edgeRedisApiKeyStore(ReactiveStringRedisTemplate redis, EdgeApiKeyProperties apiKey) {
			RedisApiKeyStore store = new RedisApiKeyStore(redis, apiKey.getRedisKeyPrefix(), apiKey.getCacheTtl(),
					apiKey.getRedisTimeout(), Clock.systemUTC());
			// seeded in the background: a Redis that is down at start-up must not stop
			// the gateway, and saving the same records again is harmless
			Flux.fromIterable(configuredKeys(apiKey))
				.concatMap(store::save)
				.subscribe(null, (ex) -> logger.warn("Could not seed the configured API keys into Redis", ex));
			return store;
		}

	}

	@Bean
	@ConditionalOnMissingBean(ApiKeyStore.class)
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "memory", matchIfMissing = true)
	InMemoryApiKeyStore edgeInMemoryApiKeyStore(EdgeApiKeyProperties apiKey) {
		InMemoryApiKeyStore store = new InMemoryApiKeyStore();
		configuredKeys(apiKey).forEach(store::put);
		return store;
	}

}
