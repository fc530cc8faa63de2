package io.github.bffsuite.edge.ratelimit.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import io.github.bffsuite.edge.ratelimit.RateLimitDecision;
import io.github.bffsuite.edge.ratelimit.RateLimitKey;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.github.bffsuite.edge.ratelimit.RedisFailureMode;
import io.github.bffsuite.edge.test.RedisProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store and its Lua script against a real Redis of the test's own (so memory
 * and key counts are not disturbed by other tests): same arithmetic as the in-memory
 * store, TTLs on every key, bounded memory under many keys, Retry-After on Redis time.
 */
class RedisRateLimitStoreTests {

	static RedisProcess redis;

	static LettuceConnectionFactory connections;

	static ReactiveStringRedisTemplate template;

	static RedisRateLimitStore store;

	@BeforeAll
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void startRedis() {
		redis = RedisProcess.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connections.afterPropertiesSet();
		connections.start();
		template = new ReactiveStringRedisTemplate(connections);
		RedisScript<List<Long>> script = (RedisScript) RedisScript
			.of(new ClassPathResource("META-INF/scripts/edge_token_bucket.lua"), List.class);
		store = new RedisRateLimitStore(template, script, "edge:rl:", Duration.ofSeconds(2),
				CircuitBreaker.ofDefaults("test"), Duration.ofSeconds(60), new InMemoryRateLimitStore(10,
						Duration.ofSeconds(1), Clock.systemUTC(), RateLimitDecision.Origin.LOCAL_FALLBACK));
	}

	@AfterAll
	static void stopRedis() {
		connections.destroy();
		redis.close();
	}

	static RateLimitPolicy policy(String name, long capacity, long refill, Duration period,
			RateLimitPolicy.Quota... quotas) {
		return new RateLimitPolicy(name, capacity, refill, period, List.of(quotas), Set.of(RateLimitKey.USER),
				RedisFailureMode.LOCAL_FALLBACK, 1);
	}

	@Test
	void decidesLikeTheInMemoryStore() {
		RateLimitPolicy policy = policy("same", 20, 1, Duration.ofHours(1),
				new RateLimitPolicy.Quota(15, Duration.ofDays(1)), new RateLimitPolicy.Quota(100, Duration.ofDays(7)));
		InMemoryRateLimitStore memory = new InMemoryRateLimitStore(100, Duration.ofMinutes(1), Clock.systemUTC(),
				RateLimitDecision.Origin.MEMORY);
		for (long cost : new long[] { 1, 3, 5, 2, 4, 1, 1, 2, 30, 1, 1 }) {
			RateLimitDecision inRedis = store.consume(policy, "u-same", cost).block();
			RateLimitDecision inMemory = memory.consumeNow(policy, "u-same", cost);
			assertThat(inRedis.origin()).isEqualTo(RateLimitDecision.Origin.REDIS);
			assertThat(inRedis.allowed()).as("allowed, cost %d", cost).isEqualTo(inMemory.allowed());
			assertThat(inRedis.limit()).as("limit, cost %d", cost).isEqualTo(inMemory.limit());
			assertThat(inRedis.remaining()).as("remaining, cost %d", cost).isEqualTo(inMemory.remaining());
			assertThat(inRedis.retryAfterMillis() == -1).isEqualTo(inMemory.retryAfterMillis() == -1);
		}
	}

	@Test
	void expiresEveryKeyItWrites() {
		RateLimitPolicy policy = policy("ttl", 10, 10, Duration.ofSeconds(1),
				new RateLimitPolicy.Quota(1000, Duration.ofMinutes(1)));
		store.consume(policy, "u-ttl", 5).block();
		List<String> keys = store.keys(policy, "u-ttl");
		assertThat(keys).containsExactly("edge:rl:{ttl:u-ttl}:b", "edge:rl:{ttl:u-ttl}:q0-60000");
		Duration bucket = template.getExpire(keys.get(0)).block();
		Duration quota = template.getExpire(keys.get(1)).block();
		assertThat(bucket).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1500));
		assertThat(quota).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void keepsMemoryBoundedForManyDistinctKeys() throws Exception {
		RateLimitPolicy policy = policy("many", 1, 1, Duration.ofMillis(100));
		long before = usedMemory();
		long allowed = Flux.range(0, 100_000)
			.flatMap((i) -> store.consume(policy, "k-" + i, 1), 64)
			.filter(RateLimitDecision::allowed)
			.count()
			.block(Duration.ofMinutes(2));
		assertThat(allowed).isEqualTo(100_000);
		long keys = template.execute((connection) -> connection.serverCommands().dbSize()).blockFirst();
		assertThat(keys).isGreaterThan(0).isLessThanOrEqualTo(100_000 + 10);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (countKeys("edge:rl:{many:*") > 0 && System.nanoTime() < deadline) {
			Thread.sleep(250);
		}
		assertThat(countKeys("edge:rl:{many:*")).isZero();
		assertThat(usedMemory() - before).isLessThan(2 * 1024 * 1024);
	}

	@Test
	void retryAfterIsEnoughOnRedisTime() throws Exception {
		RateLimitPolicy policy = policy("retry", 1, 1, Duration.ofMillis(300));
		assertThat(store.consume(policy, "u-retry", 1).block().allowed()).isTrue();
		RateLimitDecision denied = store.consume(policy, "u-retry", 1).block();
		assertThat(denied.allowed()).isFalse();
		assertThat(denied.retryAfterMillis()).isBetween(1L, 300L);
		Thread.sleep(denied.retryAfterMillis());
		assertThat(store.consume(policy, "u-retry", 1).block().allowed()).isTrue();
	}

	private static long countKeys(String pattern) {
		return template
			.scan(org.springframework.data.redis.core.ScanOptions.scanOptions().match(pattern).count(10_000).build())
			.count()
			.block();
	}

	private static long usedMemory() {
		Properties info = template.execute((connection) -> connection.serverCommands().info("memory")).blockFirst();
		return Long.parseLong(info.getProperty("used_memory"));
	}

}
