package io.github.bffsuite.edge.security.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.OwnNettyResources;
import io.github.bffsuite.edge.test.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis API key store with two gateway instances sharing one real Redis: a key saved
 * through one instance works on both, and revoking it takes effect on the other within a
 * second.
 */
class RedisApiKeyStoreTests {

	static final EchoServer backend = new EchoServer();

	static final String PREFIX = "edge:apikey:test-" + UUID.randomUUID() + ":";

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		first.close();
		second.close();
		backend.close();
	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(EdgeTestApplication.class).initializers(new OwnNettyResources())
			.run("--server.port=0", "--spring.data.redis.url=" + RedisTestServer.url(),
					"--edge.security.mechanisms=api-key", "--edge.security.api-key.store=redis",
					"--edge.security.api-key.hash=hmac-sha256", "--edge.security.api-key.secret=test-only-secret",
					"--edge.security.api-key.redis-key-prefix=" + PREFIX,
					"--spring.cloud.gateway.server.webflux.routes[0].id=echo",
					"--spring.cloud.gateway.server.webflux.routes[0].uri=" + backend.url(),
					"--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/echo/**");
	}

	@Test
	void revocationOnOneInstanceTakesEffectOnTheOtherWithinOneSecond() throws Exception {
		String key = ApiKeyHasher.generate("bffk_test");
		save(key, (hash) -> new ApiKeyRecord("partner-1", hash, "acme", "pro", Set.of("products:read"), null, false));
		assertThat(call(first, key)).isEqualTo(HttpStatus.OK);
		assertThat(call(second, key)).isEqualTo(HttpStatus.OK);
		assertThat(backend.last().header("X-Client-ID")).containsExactly("partner-1");
		first.getBean(RedisApiKeyStore.class)
			.revoke(first.getBean(ApiKeyHasher.class).hash(key))
			.block(Duration.ofSeconds(5));
		Instant revokedAt = Instant.now();
		while (call(second, key) != HttpStatus.UNAUTHORIZED) {
			assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(1));
			Thread.sleep(50);
		}
		assertThat(call(first, key)).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void expiredKeyInRedisIsRefused() {
		String key = ApiKeyHasher.generate("bffk_test");
		save(key, (hash) -> new ApiKeyRecord("partner-2", hash, "acme", "basic", Set.of(),
				Instant.now().minusSeconds(1), false));
		assertThat(call(second, key)).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void storesOnlyTheHashOfAKey() {
		String key = ApiKeyHasher.generate("bffk_test");
		save(key, (hash) -> new ApiKeyRecord("partner-3", hash, "acme", "basic", Set.of(), null, false));
		var redis = first.getBean(org.springframework.data.redis.core.ReactiveStringRedisTemplate.class);
		var keys = redis.keys(PREFIX + "*").collectList().block(Duration.ofSeconds(5));
		assertThat(keys).isNotEmpty().noneMatch((name) -> name.contains(key));
		for (String name : keys) {
			// key records are hashes, the per-tenant indexes sets of key hashes
			var values = name.startsWith(PREFIX + "tenant:") ? redis.opsForSet().members(name)
					: redis.opsForHash().values(name);
			assertThat(values.collectList().block(Duration.ofSeconds(5)))
				.noneMatch((value) -> value.toString().contains(key));
		}
	}

	/**
	 * Save, through the first instance, the record of a key made from its hash.
	 */
	static void save(String key, Function<String, ApiKeyRecord> record) {
		String hash = first.getBean(ApiKeyHasher.class).hash(key);
		first.getBean(RedisApiKeyStore.class).save(record.apply(hash)).block(Duration.ofSeconds(5));
	}

	static HttpStatus call(ConfigurableApplicationContext context, String key) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return WebClient.create("http://127.0.0.1:" + port)
			.get()
			.uri("/echo/products")
			.header("X-API-Key", key)
			.exchangeToMono(
					(response) -> response.releaseBody().thenReturn(HttpStatus.valueOf(response.statusCode().value())))
			.block(Duration.ofSeconds(10));
	}

}
