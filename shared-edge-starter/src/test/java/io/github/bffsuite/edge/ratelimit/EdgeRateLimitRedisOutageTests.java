package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Gateway;
import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Reply;
import io.github.bffsuite.edge.ratelimit.store.RedisRateLimitStore;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RedisProcess;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis outages through a running gateway on a Redis of the test's own, killed and paused
 * ({@code SIGSTOP}): each policy's failure mode applies, only the requests before the
 * circuit opens wait for the timeout, health and metrics show the degraded state, and the
 * gateway returns to Redis on its own.
 */
class EdgeRateLimitRedisOutageTests {

	static final Duration TIMEOUT = Duration.ofMillis(200);

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	static RedisProcess redis;

	static Gateway gateway;

	@BeforeAll
	static void start() {
		redis = RedisProcess.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", redis.url());
		properties.putAll(jwks.gatewayProperties());
		properties.put("edge.rate-limit.store", "redis");
		properties.put("edge.rate-limit.redis.timeout", TIMEOUT.toMillis() + "ms");
		// these instances are warm by the time Redis fails: no cold-start allowance
		properties.put("edge.rate-limit.redis.cold-start-period", "0s");
		properties.put("edge.rate-limit.redis.circuit-breaker.sliding-window-size", "4");
		properties.put("edge.rate-limit.redis.circuit-breaker.minimum-number-of-calls", "4");
		properties.put("edge.rate-limit.redis.circuit-breaker.wait-duration-in-open-state", "2s");
		properties.put("edge.rate-limit.redis.circuit-breaker.permitted-calls-in-half-open-state", "1");
		int index = 0;
		for (String mode : List.of("fail-open", "fail-closed", "local-fallback")) {
			String prefix = "edge.rate-limit.policies." + mode + ".";
			properties.put(prefix + "capacity", "3");
			properties.put(prefix + "refill-tokens", "1");
			properties.put(prefix + "refill-period", "1h");
			properties.put(prefix + "on-redis-failure", mode);
			RateLimitGateways.route(properties, index++, mode, backend.url(), "/" + mode + "/**",
					"LimitRequestRate=" + mode);
		}
		gateway = RateLimitGateways.start(properties);
	}

	@AfterAll
	static void stop() {
		RateLimitGateways.closeAll(gateway, redis, jwks, backend);
	}

	@Test
	void appliesEachFailureModeWhileRedisIsDownAndRecovers() throws Exception {
		outage(redis::stop, redis::restart);
	}

	@Test
	void appliesEachFailureModeWhileRedisHangsAndRecovers() throws Exception {
		outage(redis::pause, redis::resume);
	}

	private void outage(Runnable fail, Runnable recover) throws Exception {
		awaitRedis();
		Consumer<HttpHeaders> user = user();
		assertThat(gateway.get("/fail-open/up", user).status()).isEqualTo(200);
		assertThat(gateway.get("/fail-closed/up", user).status()).isEqualTo(200);
		assertThat(gateway.get("/local-fallback/up", user).status()).isEqualTo(200);
		assertThat(health()).isEqualTo(Status.UP);
		fail.run();
		try {
			List<Long> millis = new ArrayList<>();
			List<Integer> open = new ArrayList<>();
			List<Reply> closed = new ArrayList<>();
			List<Integer> fallback = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				open.add(timed(millis, "/fail-open/down", user).status());
				closed.add(timed(millis, "/fail-closed/down", user));
				fallback.add(timed(millis, "/local-fallback/down", user).status());
			}
			assertThat(open).containsOnly(200);
			assertThat(closed).extracting(Reply::status).containsOnly(503);
			assertThat(closed.get(0).body()).contains("https://bff-suite.dev/problems/rate-limiter-unavailable");
			assertThat(closed.get(0).header("Retry-After")).isEqualTo("2");
			// a fresh in-memory bucket per instance: capacity 3, then limited
			assertThat(fallback).containsExactly(200, 200, 200, 429, 429);
			assertThat(millis).allSatisfy((ms) -> assertThat(ms).isLessThan(TIMEOUT.toMillis() + 700));
			// only the calls that open the circuit wait for the timeout
			assertThat(millis.stream().filter((ms) -> ms >= TIMEOUT.toMillis()).count()).isLessThanOrEqualTo(4);
			assertThat(millis.subList(millis.size() - 6, millis.size()).stream().sorted().toList().get(3))
				.isLessThan(100);
			assertThat(health().getCode()).isEqualTo("DEGRADED");
			assertThat(degradedGauge()).isEqualTo(1.0);
		}
		finally {
			recover.run();
		}
		awaitRedis();
		assertThat(degradedGauge()).isEqualTo(0.0);
		Consumer<HttpHeaders> other = user();
		Reply reply = gateway.get("/fail-closed/again", other);
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("X-RateLimit-Remaining")).isEqualTo("2");
	}

	private static void awaitRedis() throws InterruptedException {
		Consumer<HttpHeaders> user = user();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (!health().equals(Status.UP) && System.nanoTime() < deadline) {
			gateway.get("/fail-open/recovering", user);
			Thread.sleep(200);
		}
		assertThat(health()).isEqualTo(Status.UP);
	}

	private static Reply timed(List<Long> millis, String path, Consumer<HttpHeaders> user) {
		long started = System.nanoTime();
		Reply reply = gateway.get(path, user);
		millis.add((System.nanoTime() - started) / 1_000_000);
		return reply;
	}

	private static Consumer<HttpHeaders> user() {
		String token = keys.token().claim("sub", "u-" + UUID.randomUUID()).build();
		return (headers) -> headers.setBearerAuth(token);
	}

	private static Status health() {
		return gateway.context().getBean(RateLimitHealthIndicator.class).health().block().getStatus();
	}

	private static double degradedGauge() {
		return gateway.context().getBean(MeterRegistry.class).get(RedisRateLimitStore.DEGRADED_GAUGE).gauge().value();
	}

}
