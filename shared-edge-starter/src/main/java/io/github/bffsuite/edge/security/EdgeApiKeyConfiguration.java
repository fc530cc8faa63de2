package io.github.bffsuite.edge.security;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationManager;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.edge.security.apikey.InMemoryApiKeyStore;
import io.github.bffsuite.edge.security.apikey.RedisApiKeyStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * API key authentication with an in-memory or Redis key store.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnEdgeMechanism(EdgeSecurityProperties.Mechanism.API_KEY)
@Import({ EdgeApiKeyConfiguration.RedisStoreConfiguration.class,
		EdgeApiKeyConfiguration.InMemoryStoreConfiguration.class })
class EdgeApiKeyConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ApiKeyHasher edgeApiKeyHasher(EdgeSecurityProperties properties) {
		EdgeSecurityProperties.ApiKey apiKey = properties.getApiKey();
		return switch (apiKey.getHash()) {
			case HMAC_SHA256 -> ApiKeyHasher.hmacSha256((apiKey.getSecret() != null) ? apiKey.getSecret() : "");
			case SHA256 -> ApiKeyHasher.sha256();
		};
	}

	@Bean
	@ConditionalOnMissingBean
	ApiKeyAuthenticationManager edgeApiKeyAuthenticationManager(ApiKeyStore store, ApiKeyHasher hasher) {
		return new ApiKeyAuthenticationManager(store, hasher, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ApiKeyStore.class)
		RedisApiKeyStore edgeRedisApiKeyStore(ReactiveStringRedisTemplate redis, EdgeSecurityProperties properties) {
			EdgeSecurityProperties.ApiKey apiKey = properties.getApiKey();
			return new RedisApiKeyStore(redis, apiKey.getRedisKeyPrefix(), apiKey.getCacheTtl(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "memory", matchIfMissing = true)
	static class InMemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ApiKeyStore.class)
		InMemoryApiKeyStore edgeInMemoryApiKeyStore(EdgeSecurityProperties properties) {
			InMemoryApiKeyStore store = new InMemoryApiKeyStore();
			for (Map.Entry<String, EdgeSecurityProperties.KeyDefinition> entry : properties.getApiKey()
				.getKeys()
				.entrySet()) {
				EdgeSecurityProperties.KeyDefinition key = entry.getValue();
				store.save(new ApiKeyRecord(entry.getKey(), key.getHash().toLowerCase(Locale.ROOT), key.getTenant(),
						key.getPlan(), key.getScopes(), key.getExpiresAt(), key.isRevoked()));
			}
			return store;
		}

	}

}
