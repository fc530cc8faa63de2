package io.github.bffsuite.edge.downstream.cache;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import io.github.bffsuite.edge.test.RedisTestServer;
import io.github.bffsuite.edge.test.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache in a real Redis, each test under its own key prefix. Redis expires
 * entries by its own clock, so freshness is the cache's (the test clock) and retention is
 * Redis's.
 */
class DownstreamResponseCacheRedisTests extends DownstreamResponseCacheContract {

	static LettuceConnectionFactory connections;

	static ReactiveStringRedisTemplate redis;

	final String prefix = "edge-test:cache:" + UUID.randomUUID() + ":";

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", RedisTestServer.port()));
		connections.afterPropertiesSet();
		connections.start();
		redis = new ReactiveStringRedisTemplate(connections);
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Override
	void configure(EdgeDownstreamProperties.Cache cache) {
		cache.setStore(EdgeDownstreamProperties.CacheStore.REDIS);
		cache.setRedisKeyPrefix(this.prefix);
		cache.setRedisTimeout(Duration.ofSeconds(5));
	}

	@Override
	ResponseCacheStores stores() {
		return (downstream, cache, metrics) -> new RedisResponseCacheStore(redis, cache.getRedisKeyPrefix(),
				cache.getRedisTimeout());
	}

	@Test
	void treatsAnUnreachableRedisAsAMiss() {
		LettuceConnectionFactory dead = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", StubServer.deadPort()));
		dead.afterPropertiesSet();
		dead.start();
		try {
			ResponseCacheStore store = new RedisResponseCacheStore(new ReactiveStringRedisTemplate(dead), this.prefix,
					Duration.ofMillis(300));
			assertThat(store.findSpec("resource").blockOptional(WAIT)).isEmpty();
			assertThat(store.find("variant").blockOptional(WAIT)).isEmpty();
			store
				.save("resource", new VarySpec(false, List.of()), "variant",
						new CachedResponse(200, Map.of(), new byte[1], 0, 1, null), Duration.ofMinutes(1))
				.block(WAIT);
		}
		finally {
			dead.destroy();
		}
	}

	@Test
	void keepsEntriesInRedisUnderItsPrefixWithAnExpiry() {
		cacheable("/products/p-9", "max-age=60");
		get("/products/p-9", "t-1", null);
		List<String> keys = redis.keys(this.prefix + "*").collectList().block(WAIT);
		assertThat(keys).hasSize(2).allSatisfy((key) -> assertThat(key).startsWith(this.prefix + "catalog:{"));
		assertThat(redis.getExpire(keys.get(0)).block(WAIT)).isPositive();
	}

	@Test
	void sharesEntriesBetweenInstances() {
		cacheable("/products/p-8", "max-age=60");
		get("/products/p-8", "t-1", null);
		ResponseCacheStore other = new RedisResponseCacheStore(redis, this.prefix, Duration.ofSeconds(5));
		String resource = CacheKeys.resource("catalog", HttpMethod.GET,
				URI.create(this.service.baseUrl() + "/products/p-8"), "t-1");
		VarySpec spec = other.findSpec(resource).block(WAIT);
		assertThat(spec).isNotNull();
		CachedResponse response = other.find(CacheKeys.variant(resource, spec, null, new HttpHeaders())).block(WAIT);
		assertThat(response).isNotNull();
		assertThat(new String(response.body())).contains("/products/p-8");
	}

}
