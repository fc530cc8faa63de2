package io.github.bffsuite.edge.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationManager;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.edge.security.apikey.InMemoryApiKeyStore;
import io.github.bffsuite.edge.security.apikey.RedisApiKeyStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;

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

	private static final Log logger = LogFactory.getLog(EdgeApiKeyConfiguration.class);

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
	ApiKeyAuthenticationManager edgeApiKeyAuthenticationManager(ApiKeyStore store, ApiKeyHasher hasher,
			EdgeSecurityProperties properties) {
		EdgeSecurityProperties.ApiKey apiKey = properties.getApiKey();
		return new ApiKeyAuthenticationManager(store, hasher, Clock.systemUTC(), apiKey.isRequireChecksum(),
				apiKey.getTouchInterval());
	}

	static List<ApiKeyRecord> configuredKeys(EdgeSecurityProperties properties) {
		List<ApiKeyRecord> records = new ArrayList<>();
		for (Map.Entry<String, EdgeSecurityProperties.KeyDefinition> entry : properties.getApiKey()
			.getKeys()
			.entrySet()) {
			EdgeSecurityProperties.KeyDefinition key = entry.getValue();
			records.add(new ApiKeyRecord(entry.getKey(), key.getHash().toLowerCase(Locale.ROOT), key.getTenant(),
					key.getPlan(), key.getScopes(), key.getExpiresAt(), key.isRevoked(), entry.getKey(), "", null, null,
					key.getAllowedIps()));
		}
		return records;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ApiKeyStore.class)
		RedisApiKeyStore edgeRedisApiKeyStore(ReactiveStringRedisTemplate redis, EdgeSecurityProperties properties) {
			EdgeSecurityProperties.ApiKey apiKey = properties.getApiKey();
			RedisApiKeyStore store = new RedisApiKeyStore(redis, apiKey.getRedisKeyPrefix(), apiKey.getCacheTtl(),
					apiKey.getRedisTimeout(), Clock.systemUTC());
			// seeded in the background: a Redis that is down at start-up must not stop
			// the
			// gateway, and saving the same records again is harmless
			Flux.fromIterable(configuredKeys(properties))
				.concatMap(store::save)
				.subscribe(null, (ex) -> logger.warn("Could not seed the configured API keys into Redis", ex));
			return store;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "edge.security.api-key.store", havingValue = "memory", matchIfMissing = true)
	static class InMemoryStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(ApiKeyStore.class)
		InMemoryApiKeyStore edgeInMemoryApiKeyStore(EdgeSecurityProperties properties) {
			InMemoryApiKeyStore store = new InMemoryApiKeyStore();
			configuredKeys(properties).forEach(store::put);
			return store;
		}

	}

}
