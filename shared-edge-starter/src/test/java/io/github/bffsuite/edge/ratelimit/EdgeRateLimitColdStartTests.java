package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Gateway;
import io.github.bffsuite.edge.ratelimit.RateLimitGateways.Reply;
import io.github.bffsuite.edge.redis.RedisWarmup;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RedisProcess;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh gateway instance against a fresh Redis (no connection yet, no script loaded):
 * its first parallel burst is decided by Redis, exactly, and never by the outage policy.
 */
class EdgeRateLimitColdStartTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final RedisProcess redis = RedisProcess.start();

	static Gateway gateway;

	@AfterAll
	static void stop() {
		RateLimitGateways.closeAll(gateway, redis, jwks);
	}

	@Test
	void firstBurstOnAFreshInstanceIsDecidedByRedis() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", redis.url());
		properties.putAll(jwks.gatewayProperties());
		properties.put("edge.rate-limit.store", "redis");
		properties.put("edge.rate-limit.policies.ten.capacity", "10");
		properties.put("edge.rate-limit.policies.ten.refill-tokens", "1");
		properties.put("edge.rate-limit.policies.ten.refill-period", "1h");
		properties.put("edge.rate-limit.policies.ten.key", "user");
		properties.put("edge.rate-limit.bindings[0].pattern", "/hello");
		properties.put("edge.rate-limit.bindings[0].policies", "ten");
		gateway = RateLimitGateways.start(properties);
		assertThat(gateway.context().getBean(RedisWarmup.class).isReady()).isTrue();
		String token = keys.token().claim("sub", "u-" + UUID.randomUUID()).build();
		List<Reply> replies = Flux.range(0, 40)
			.flatMap((i) -> gateway.getAsync("/hello", (headers) -> headers.setBearerAuth(token)), 16)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(replies.stream().filter((reply) -> reply.status() == 200)).hasSize(10);
		assertThat(replies.stream().filter((reply) -> reply.status() == 429)).hasSize(30);
		MeterRegistry registry = gateway.context().getBean(MeterRegistry.class);
		assertThat(registry.find(RateLimitMetrics.DECISIONS).tag("origin", "redis").counters())
			.extracting(Counter::count)
			.containsExactlyInAnyOrder(10.0, 30.0);
		assertThat(registry.find(RateLimitMetrics.DECISIONS).tag("origin", "local-fallback").counters()).isEmpty();
		assertThat(replies).allSatisfy((reply) -> assertThat(reply.header(HttpHeaders.RETRY_AFTER)).satisfiesAnyOf(
				(value) -> assertThat(reply.status()).isEqualTo(200), (value) -> assertThat(value).isNotNull()));
	}

}
