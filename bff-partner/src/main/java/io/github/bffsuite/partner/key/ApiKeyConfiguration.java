package io.github.bffsuite.partner.key;

import java.time.Clock;

import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.partner.config.PartnerProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Key administration over the starter's API key store.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyConfiguration {

	@Bean
	ApiKeyAdministration apiKeyAdministration(ApiKeyStore store, ApiKeyHasher hasher, PartnerProperties properties) {
		return new ApiKeyAdministration(store, hasher, properties, Clock.systemUTC());
	}

}
