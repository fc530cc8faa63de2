package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Gateway;
import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Reply;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RateLimitFields;
import io.github.bffsuite.edge.test.RedisTestServer;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits through two running gateway instances that share a real Redis: exact
 * counts, headers, 429 problems with a Retry-After that works, quotas, costs, plans, keys
 * from the principal and from trusted proxies, and keys that expire.
 */
class EdgeRateLimitIntegrationTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	static final String PREFIX = "test:rl:" + UUID.randomUUID() + ":";

	static Gateway a;

	static Gateway b;

	@BeforeAll
	static void startGateways() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", RedisTestServer.url());
		properties.put("edge.security.mechanisms", "jwt,api-key");
		properties.putAll(jwks.gatewayProperties());
		properties.put("edge.security.api-key.hash", "sha256");
		RateLimitGateways.apiKey(properties, "basic-key", "bffk_basic", "basic");
		RateLimitGateways.apiKey(properties, "pro-key", "bffk_pro", "pro");
		properties.put("edge.rate-limit.store", "redis");
		properties.put("edge.rate-limit.redis.key-prefix", PREFIX);
		properties.put("edge.rate-limit.trusted-proxies", "127.0.0.1/32,::1/128");
		policy(properties, "steady", 10, 10, "1s", "user");
		policy(properties, "slow", 2, 1, "2s", "user");
		policy(properties, "costly", 10, 1, "1h", "user");
		policy(properties, "quota", 100, 100, "1s", "user");
		properties.put("edge.rate-limit.policies.quota.quotas[0].limit", "3");
		properties.put("edge.rate-limit.policies.quota.quotas[0].window", "3s");
		policy(properties, "partner-basic", 2, 1, "1h", "client");
		policy(properties, "partner-pro", 5, 1, "1h", "client");
		policy(properties, "by-ip", 2, 1, "1h", "ip");
		policy(properties, "hello", 3, 1, "1h", "user,route");
		properties.put("edge.rate-limit.plans.basic", "partner-basic");
		properties.put("edge.rate-limit.plans.pro", "partner-pro");
		properties.put("edge.rate-limit.bindings[0].pattern", "/echo/**");
		properties.put("edge.rate-limit.bindings[0].policies", "steady");
		properties.put("edge.rate-limit.bindings[1].pattern", "/hello");
		properties.put("edge.rate-limit.bindings[1].policies", "hello");
		String uri = backend.url();
		RateLimitGateways.route(properties, 0, "echo", uri, "/echo/**", "LimitRequestRate=steady");
		RateLimitGateways.route(properties, 1, "slow", uri, "/slow/**", "LimitRequestRate=slow");
		RateLimitGateways.route(properties, 2, "costly", uri, "/costly/**", "LimitRequestRate=costly,3");
		RateLimitGateways.route(properties, 3, "quota", uri, "/quota/**", "LimitRequestRate=quota");
		RateLimitGateways.route(properties, 4, "partner", uri, "/partner/**", "LimitRequestRate=plan");
		RateLimitGateways.route(properties, 5, "ip", uri, "/ip/**", "LimitRequestRate=by-ip");
		a = RateLimitGateways.start(properties);
		b = RateLimitGateways.start(properties);
	}

	static void policy(Map<String, Object> properties, String name, long capacity, long refill, String period,
			String key) {
		String prefix = "edge.rate-limit.policies." + name + ".";
		properties.put(prefix + "capacity", Long.toString(capacity));
		properties.put(prefix + "refill-tokens", Long.toString(refill));
		properties.put(prefix + "refill-period", period);
		properties.put(prefix + "key", key);
	}

	@AfterAll
	static void stopGateways() {
		RateLimitGateways.closeAll(a, b, jwks, backend);
	}

	static Consumer<HttpHeaders> user(String id) {
		String token = keys.token().claim("sub", id).build();
		return (headers) -> headers.setBearerAuth(token);
	}

	static String newUser() {
		return "u-" + UUID.randomUUID();
	}

	/**
	 * Return the {@code r} of a policy's draft-10 {@code RateLimit} item.
	 */
	static long remaining(Reply reply, String policy) {
		return RateLimitFields.assertDraft10(reply.headers()).get(policy).get("r");
	}

	@Test
	void allowsCapacityPlusRefillOverAWindowAcrossTwoInstances() {
		Consumer<HttpHeaders> user = user(newUser());
		long started = System.nanoTime();
		long deadline = started + Duration.ofSeconds(2).toNanos();
		AtomicLong firstDone = new AtomicLong();
		AtomicLong lastSent = new AtomicLong();
		List<Integer> statuses = Flux.range(0, 100_000).takeWhile((i) -> System.nanoTime() < deadline).flatMap((i) -> {
			lastSent.set(System.nanoTime());
			return ((i % 2 == 0) ? a : b).getAsync("/echo/count", user)
				.doOnNext((reply) -> firstDone.compareAndSet(0, System.nanoTime()));
		}, 4).map(Reply::status).collectList().block(Duration.ofSeconds(60));
		long ended = System.nanoTime();
		long allowed = statuses.stream().filter((status) -> status == 200).count();
		assertThat(statuses).containsOnly(200, 429);
		double inner = (lastSent.get() - firstDone.get()) / 1e9;
		double outer = (ended - started) / 1e9;
		assertThat(allowed).isBetween((long) Math.floor(10 + 10 * inner) - 1, (long) Math.ceil(10 + 10 * outer) + 1);
		assertThat(statuses.size()).isGreaterThan((int) allowed);
	}

	@Test
	void setsRateLimitHeadersOnceWhenBindingAndRouteApplyTheSamePolicy() {
		Reply reply = a.get("/echo/headers", user(newUser()));
		assertThat(reply.status()).isEqualTo(200);
		// draft-10 by default: one item per policy, however often the policy is named
		assertThat(reply.headers("RateLimit-Policy")).containsExactly("\"steady\";q=10;w=1");
		assertThat(reply.headers("RateLimit")).containsExactly("\"steady\";r=9;t=1");
		assertThat(RateLimitFields.assertDraft10(reply.headers())).containsOnlyKeys("steady");
		assertThat(reply.header("X-RateLimit-Limit")).isEqualTo("10");
		assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("9");
		assertThat(reply.header("X-RateLimit-Reset")).isEqualTo("1");
		assertThat(reply.headers("X-RateLimit-Remaining")).hasSize(1);
	}

	@Test
	void deniesWith429ProblemAndRetryAfterThatIsHonoured() throws Exception {
		Consumer<HttpHeaders> user = user(newUser());
		assertThat(a.get("/slow/1", user).status()).isEqualTo(200);
		assertThat(b.get("/slow/2", user).status()).isEqualTo(200);
		int forwarded = backend.received().size();
		Reply denied = a.get("/slow/3", user);
		assertThat(denied.status()).isEqualTo(429);
		assertThat(denied.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(denied.body()).contains("\"type\":\"https://bff-suite.dev/problems/quota-exceeded\"")
			.contains("\"violated-policies\":[\"slow\"]")
			.contains("\"policy\":\"slow\"");
		// capacity 2, refilled one every 2 s: full again after 4 s
		assertThat(denied.header("RateLimit-Policy")).isEqualTo("\"slow\";q=2;w=4");
		Map<String, Long> slow = RateLimitFields.assertDraft10(denied.headers()).get("slow");
		assertThat(slow.get("r")).isZero();
		assertThat(slow.get("t")).isBetween(1L, 4L);
		assertThat(denied.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(denied.header("X-RateLimit-Limit")).isEqualTo("2");
		long retryAfter = Long.parseLong(denied.header("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(backend.received()).hasSize(forwarded);
		Thread.sleep(retryAfter * 1000);
		assertThat(b.get("/slow/4", user).status()).isEqualTo(200);
	}

	@Test
	void checksQuotaWindowsWithTheBucket() throws Exception {
		Consumer<HttpHeaders> user = user(newUser());
		while (System.currentTimeMillis() % 3000 > 300) {
			Thread.sleep(20);
		}
		assertThat(remaining(a.get("/quota/1", user), "quota")).isEqualTo(2);
		assertThat(b.get("/quota/2", user).status()).isEqualTo(200);
		Reply third = a.get("/quota/3", user);
		// the quota, not the bucket, is the most constraining limit
		assertThat(third.header("X-RateLimit-Limit")).isEqualTo("3");
		assertThat(third.header("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(remaining(third, "quota")).isZero();
		Reply denied = b.get("/quota/4", user);
		assertThat(denied.status()).isEqualTo(429);
		long retryAfter = Long.parseLong(denied.header("Retry-After"));
		assertThat(retryAfter).isBetween(2L, 3L);
		Thread.sleep(retryAfter * 1000);
		assertThat(a.get("/quota/5", user).status()).isEqualTo(200);
	}

	@Test
	void chargesTheRouteCost() {
		Consumer<HttpHeaders> user = user(newUser());
		assertThat(remaining(a.get("/costly/1", user), "costly")).isEqualTo(7);
		assertThat(remaining(b.get("/costly/2", user), "costly")).isEqualTo(4);
		assertThat(remaining(a.get("/costly/3", user), "costly")).isEqualTo(1);
		Reply denied = b.get("/costly/4", user);
		assertThat(denied.status()).isEqualTo(429);
		assertThat(remaining(denied, "costly")).isEqualTo(1);
		assertThat(Long.parseLong(denied.header("Retry-After"))).isBetween(7199L, 7200L);
	}

	@Test
	void refusesCallersWithoutTheKeyAPolicyNeeds() {
		int forwarded = backend.received().size();
		Reply reply = a.get("/echo/partner", (headers) -> headers.set("X-API-Key", "bffk_pro"));
		assertThat(reply.status()).isEqualTo(403);
		assertThat(reply.body()).contains("https://bff-suite.dev/problems/rate-limit-key-missing");
		assertThat(backend.received()).hasSize(forwarded);
	}

	@Test
	void selectsPoliciesByPlan() {
		Consumer<HttpHeaders> basic = (headers) -> headers.set("X-API-Key", "bffk_basic");
		Consumer<HttpHeaders> pro = (headers) -> headers.set("X-API-Key", "bffk_pro");
		assertThat(List.of(a.get("/partner/1", basic).status(), b.get("/partner/2", basic).status(),
				a.get("/partner/3", basic).status()))
			.containsExactly(200, 200, 429);
		for (int i = 0; i < 5; i++) {
			assertThat(((i % 2 == 0) ? a : b).get("/partner/pro", pro).status()).isEqualTo(200);
		}
		assertThat(a.get("/partner/pro", pro).status()).isEqualTo(429);
		Reply withoutPlan = a.get("/partner/user", user(newUser()));
		assertThat(withoutPlan.status()).isEqualTo(403);
		assertThat(withoutPlan.body()).contains("https://bff-suite.dev/problems/rate-limit-plan-unknown");
	}

	@Test
	void keysOnClientIpFromTrustedProxiesOnly() {
		Consumer<HttpHeaders> user = user(newUser());
		String client = "198.51.100." + (int) (Math.random() * 200 + 1);
		assertThat(a.get("/ip/1", user.andThen((h) -> h.set("X-Forwarded-For", client))).status()).isEqualTo(200);
		assertThat(b.get("/ip/2", user.andThen((h) -> h.set("X-Forwarded-For", "203.0.113.66, " + client))).status())
			.isEqualTo(200);
		assertThat(a.get("/ip/3", user.andThen((h) -> h.set("X-Forwarded-For", "203.0.113.67, " + client))).status())
			.isEqualTo(429);
		assertThat(a.get("/ip/4", user.andThen((h) -> h.set("X-Forwarded-For", "192.0.2.1"))).status()).isEqualTo(200);
	}

	@Test
	void limitsHandlersThatAreNotRoutesThroughBindings() {
		Consumer<HttpHeaders> user = user(newUser());
		for (int i = 0; i < 3; i++) {
			Reply reply = ((i % 2 == 0) ? a : b).get("/hello", user);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(remaining(reply, "hello")).isEqualTo(2 - i);
		}
		assertThat(a.get("/hello", user).status()).isEqualTo(429);
	}

	@Test
	void writesKeysThatExpire() {
		String id = newUser();
		a.get("/echo/ttl", user(id));
		ReactiveStringRedisTemplate redis = a.context().getBean(ReactiveStringRedisTemplate.class);
		Duration ttl = redis.getExpire(PREFIX + "{steady:" + id + "}:b").block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1200));
	}

	@Test
	void countsDecisionsAndReportsHealth() {
		a.get("/echo/metrics", user(newUser()));
		MeterRegistry registry = a.context().getBean(MeterRegistry.class);
		Counter allowed = registry.find(RateLimitMetrics.DECISIONS)
			.tags("policy", "steady", "outcome", "allowed", "origin", "redis")
			.counter();
		assertThat(allowed).isNotNull();
		assertThat(allowed.count()).isPositive();
		assertThat(a.context().getBean(RateLimitHealthIndicator.class).health().block().getStatus())
			.isEqualTo(Status.UP);
	}

}
