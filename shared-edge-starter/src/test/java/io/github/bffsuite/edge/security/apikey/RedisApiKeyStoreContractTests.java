package io.github.bffsuite.edge.security.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import io.github.bffsuite.edge.test.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Redis API key store against the store contract, on a real Redis.
 */
class RedisApiKeyStoreContractTests extends ApiKeyStoreContract {

	static final Duration CACHE_TTL = Duration.ofMillis(100);

	static LettuceConnectionFactory connections;

	static RedisApiKeyStore store;

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(
				java.net.URI.create(RedisTestServer.url()).getHost(), RedisTestServer.port()));
		connections.afterPropertiesSet();
		connections.start();
		store = new RedisApiKeyStore(new ReactiveStringRedisTemplate(connections),
				"edge:apikey:contract-" + UUID.randomUUID() + ":", CACHE_TTL, Clock.systemUTC());
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Override
	ApiKeyStore store() {
		return store;
	}

	@Override
	void waitForCache() throws InterruptedException {
		Thread.sleep(CACHE_TTL.toMillis() + 50);
	}

}
