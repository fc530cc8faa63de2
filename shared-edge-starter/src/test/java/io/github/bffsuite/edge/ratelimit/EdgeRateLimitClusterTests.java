package io.github.bffsuite.edge.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Gateway;
import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Reply;
import io.github.bffsuite.edge.graphql.persisted.PersistedQueryStore;
import io.github.bffsuite.edge.graphql.persisted.RedisPersistedQueryStore;
import io.github.bffsuite.edge.idempotency.IdempotencyStore;
import io.github.bffsuite.edge.idempotency.RedisIdempotencyStore;
import io.github.bffsuite.edge.idempotency.StoredResponse;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RedisClusterTestServer;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.util.function.Tuple2;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits, API keys, idempotency keys and persisted queries on a real Redis Cluster
 * (3 masters, 3 replicas) shared by three gateway instances: exact counts across
 * instances, keys spread over every master, a cold instance whose first burst is decided
 * by Redis, revocations seen everywhere within a second, and a master killed under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeRateLimitClusterTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	static RedisClusterTestServer cluster;

	static Map<String, Object> properties;

	static List<Gateway> gateways;

	static final List<Gateway> extra = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void startClusterAndGateways() {
		cluster = RedisClusterTestServer.start();
		properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.cluster.nodes", cluster.nodes());
		properties.put("spring.data.redis.lettuce.cluster.refresh.adaptive", "true");
		properties.put("spring.data.redis.lettuce.cluster.refresh.period", "1s");
		properties.putAll(jwks.gatewayProperties());
		properties.put("edge.rate-limit.store", "redis");
		properties.put("edge.rate-limit.redis.key-prefix", "test:cluster:" + UUID.randomUUID() + ":");
		properties.put("edge.rate-limit.redis.circuit-breaker.wait-duration-in-open-state", "1s");
		String prefix = "edge.rate-limit.policies.ten.";
		properties.put(prefix + "capacity", "10");
		properties.put(prefix + "refill-tokens", "1");
		properties.put(prefix + "refill-period", "1h");
		properties.put(prefix + "key", "user");
		properties.put("edge.rate-limit.bindings[0].pattern", "/hello");
		properties.put("edge.rate-limit.bindings[0].policies", "ten");
		properties.put("edge.security.mechanisms", "jwt,api-key");
		properties.put("edge.security.api-key.store", "redis");
		properties.put("edge.security.api-key.hash", "hmac-sha256");
		properties.put("edge.security.api-key.secret", "test-only-secret");
		properties.put("edge.security.api-key.redis-key-prefix", "test:cluster-keys:" + UUID.randomUUID() + ":");
		RateLimitGateways.route(properties, 0, "echo", backend.url(), "/echo/**");
		properties.put("edge.idempotency.store", "redis");
		properties.put("edge.idempotency.redis.key-prefix", "test:cluster-idem:" + UUID.randomUUID() + ":");
		gateways = List.of(RateLimitGateways.start(properties), RateLimitGateways.start(properties),
				RateLimitGateways.start(properties));
	}

	@AfterAll
	static void stop() {
		if (gateways != null) {
			gateways.forEach(Gateway::close);
		}
		extra.forEach(Gateway::close);
		if (cluster != null) {
			cluster.close();
		}
		jwks.close();
		backend.close();
	}

	static Consumer<HttpHeaders> user(String id) {
		String token = keys.token().claim("sub", id).build();
		return (headers) -> headers.setBearerAuth(token);
	}

	static List<Reply> burst(List<Gateway> targets, String user, int requests, int concurrency) {
		Consumer<HttpHeaders> headers = user(user);
		return Flux.range(0, requests)
			.flatMap((i) -> targets.get(i % targets.size()).getAsync("/hello", headers), concurrency)
			.collectList()
			.block(Duration.ofSeconds(60));
	}

	static long allowed(List<Reply> replies) {
		return replies.stream().filter((reply) -> reply.status() == 200).count();
	}

	static double decisions(Gateway gateway, String origin) {
		MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
		return registry.find(RateLimitMetrics.DECISIONS)
			.tag("origin", origin)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	@Test
	@Order(1)
	void threeInstancesAllowExactlyTheCapacityOfOneKey() {
		List<Reply> replies = burst(gateways, "u-" + UUID.randomUUID(), 60, 16);
		assertThat(allowed(replies)).isBetween(9L, 11L);
		assertThat(replies).allSatisfy((reply) -> assertThat(reply.status()).isIn(200, 429));
	}

	@Test
	@Order(2)
	void keysSpreadOverEveryMaster() {
		Map<Integer, Integer> before = cluster.keysPerMaster();
		Flux.range(0, 90)
			.flatMap((i) -> gateways.get(i % 3).getAsync("/hello", user("spread-" + UUID.randomUUID())), 8)
			.collectList()
			.block(Duration.ofSeconds(60));
		Map<Integer, Integer> after = cluster.keysPerMaster();
		assertThat(after).hasSize(3);
		after.forEach((port, count) -> assertThat(count - before.getOrDefault(port, 0)).as("keys on master " + port)
			.isGreaterThan(10));
	}

	@Test
	@Order(3)
	void firstBurstOnAColdInstanceIsDecidedByRedis() {
		// closed with the others: closing one context disposes Reactor Netty's shared
		// loops
		Gateway cold = RateLimitGateways.start(properties);
		extra.add(cold);
		List<Reply> replies = burst(List.of(cold), "u-" + UUID.randomUUID(), 40, 16);
		assertThat(allowed(replies)).isEqualTo(10);
		assertThat(decisions(cold, "redis")).isEqualTo(40);
		assertThat(decisions(cold, "local-fallback")).isZero();
	}

	@Test
	@Order(4)
	void revokingAnApiKeyOnOneInstanceIsSeenByTheOthersWithinOneSecond() throws InterruptedException {
		assertRevocationSeenEverywhereWithinOneSecond(newKey());
	}

	@Test
	@Order(5)
	void idempotencyKeysAndPersistedQueriesWorkAcrossInstancesOnEveryMaster() {
		RedisIdempotencyStore first = gateways.get(0).context().getBean(RedisIdempotencyStore.class);
		RedisIdempotencyStore second = gateways.get(1).context().getBean(RedisIdempotencyStore.class);
		String prefix = "test:cluster-pq:" + UUID.randomUUID() + ":";
		PersistedQueryStore queriesOnFirst = new RedisPersistedQueryStore(
				gateways.get(0).context().getBean(ReactiveStringRedisTemplate.class), prefix, Duration.ofMinutes(1));
		PersistedQueryStore queriesOnSecond = new RedisPersistedQueryStore(
				gateways.get(1).context().getBean(ReactiveStringRedisTemplate.class), prefix, Duration.ofMinutes(1));
		Duration wait = Duration.ofSeconds(10);
		for (int i = 0; i < 30; i++) {
			String key = UUID.randomUUID().toString();
			assertThat(first.reserve(key, "fp", Duration.ofSeconds(30)).block(wait).state())
				.isEqualTo(IdempotencyStore.State.ACQUIRED);
			assertThat(second.reserve(key, "fp", Duration.ofSeconds(30)).block(wait).state())
				.isEqualTo(IdempotencyStore.State.IN_FLIGHT);
			assertThat(second.reserve(key, "other", Duration.ofSeconds(30)).block(wait).state())
				.isEqualTo(IdempotencyStore.State.MISMATCH);
			first
				.complete(key, "fp",
						new StoredResponse(201, Map.of("Location", List.of("/orders/" + i)),
								("{\"order\":" + i + "}").getBytes(StandardCharsets.UTF_8)),
						Duration.ofMinutes(1))
				.block(wait);
			IdempotencyStore.Reservation replay = second.reserve(key, "fp", Duration.ofSeconds(30)).block(wait);
			assertThat(replay.state()).isEqualTo(IdempotencyStore.State.COMPLETED);
			assertThat(new String(replay.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"order\":" + i + "}");
			queriesOnFirst.put("hash-" + i, "{ me { id } } # " + i).block(wait);
			assertThat(queriesOnSecond.get("hash-" + i).block(wait)).isEqualTo("{ me { id } } # " + i);
		}
	}

	@Test
	@Order(6)
	void failoverKeepsTheOutagePolicyAndLimitsExactlyOnceAReplicaIsPromoted() throws InterruptedException {
		String hot = "u-" + UUID.randomUUID();
		String bucket = gateways.get(0)
			.context()
			.getBean(io.github.bffsuite.edge.ratelimit.store.RedisRateLimitStore.class)
			.keys(gateways.get(0).context().getBean(RateLimitPolicies.class).get("ten", "test"), hot)
			.get(0);
		assertThat(allowed(burst(gateways, hot, 5, 5))).isEqualTo(5);
		int failing = cluster.masterOf(bucket);
		String keyElsewhere = newKeyOnMaster(
				cluster.masters().stream().filter((master) -> master != failing).findFirst().orElseThrow());
		String keyOnFailedMaster = newKeyOnMaster(failing);
		cluster.kill(failing);
		// during the fail-over: a key served by a master that still runs
		assertRevocationSeenEverywhereWithinOneSecond(keyElsewhere);
		// while the cluster fails over: every request is answered, by Redis or by the
		// local fallback, and none waits much past the command timeout
		List<Tuple2<Long, Reply>> during = Flux.range(0, 30)
			.concatMap((i) -> gateways.get(i % 3).getAsync("/hello", user(hot)).elapsed())
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(during).allSatisfy((timed) -> {
			assertThat(timed.getT2().status()).isIn(200, 429);
			assertThat(timed.getT1()).as("request time in ms").isLessThan(3000);
		});
		cluster.awaitHealthy(Duration.ofSeconds(30));
		// a replica has been promoted: the instances find it without a restart
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		double before = gateways.stream().mapToDouble((gateway) -> decisions(gateway, "redis")).sum();
		while (Instant.now().isBefore(deadline)) {
			burst(gateways, "probe-" + UUID.randomUUID(), 6, 3);
			double after = gateways.stream().mapToDouble((gateway) -> decisions(gateway, "redis")).sum();
			if (after - before == 6) {
				break;
			}
			before = after;
		}
		List<Reply> replies = burst(gateways, "u-" + UUID.randomUUID(), 30, 8);
		assertThat(allowed(replies)).isBetween(9L, 11L);
		// after it: a key whose master failed is served, and revoked, on the promoted
		// replica
		assertRevocationSeenEverywhereWithinOneSecond(keyOnFailedMaster);
	}

	static String newKey() {
		String key = ApiKeyHasher.generate("bffk_test");
		ApiKeyHasher hasher = gateways.get(0).context().getBean(ApiKeyHasher.class);
		gateways.get(0)
			.context()
			.getBean(ApiKeyStore.class)
			.save(new ApiKeyRecord("key-" + UUID.randomUUID(), hasher.hash(key), "acme", "pro", Set.of("products:read"),
					null, false))
			.block(Duration.ofSeconds(10));
		return key;
	}

	static String newKeyOnMaster(int master) {
		ApiKeyHasher hasher = gateways.get(0).context().getBean(ApiKeyHasher.class);
		String prefix = (String) properties.get("edge.security.api-key.redis-key-prefix");
		for (int i = 0; i < 1000; i++) {
			String key = ApiKeyHasher.generate("bffk_test");
			if (cluster.masterOf(prefix + "{" + hasher.hash(key) + "}") == master) {
				gateways.get(0)
					.context()
					.getBean(ApiKeyStore.class)
					.save(new ApiKeyRecord("key-" + UUID.randomUUID(), hasher.hash(key), "acme", "pro",
							Set.of("products:read"), null, false))
					.block(Duration.ofSeconds(10));
				return key;
			}
		}
		throw new IllegalStateException("No key found on master " + master);
	}

	static void assertRevocationSeenEverywhereWithinOneSecond(String key) throws InterruptedException {
		for (Gateway gateway : gateways) {
			// after a failover the instances find the promoted replica of this key's slot
			// on
			// their next topology refresh: wait for it, with a wide bound
			Instant served = Instant.now().plus(Duration.ofSeconds(30));
			int status = gateway.get("/echo/products", apiKey(key)).status();
			while (status == 503 && Instant.now().isBefore(served)) {
				Thread.sleep(200);
				status = gateway.get("/echo/products", apiKey(key)).status();
			}
			assertThat(status).isEqualTo(200);
		}
		ApiKeyHasher hasher = gateways.get(0).context().getBean(ApiKeyHasher.class);
		assertThat(gateways.get(1)
			.context()
			.getBean(ApiKeyStore.class)
			.revoke(hasher.hash(key))
			.block(Duration.ofSeconds(10))).isTrue();
		Instant revokedAt = Instant.now();
		for (Gateway gateway : gateways) {
			while (gateway.get("/echo/products", apiKey(key)).status() != 401) {
				assertThat(Duration.between(revokedAt, Instant.now())).isLessThan(Duration.ofSeconds(1));
				Thread.sleep(50);
			}
		}
	}

	static Consumer<HttpHeaders> apiKey(String key) {
		return (headers) -> headers.set("X-API-Key", key);
	}

}
