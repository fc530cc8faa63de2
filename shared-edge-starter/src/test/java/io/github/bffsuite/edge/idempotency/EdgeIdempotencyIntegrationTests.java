package io.github.bffsuite.edge.idempotency;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.RedisTestServer;
import io.github.bffsuite.edge.test.StubServer;
import io.github.bffsuite.edge.test.TestGateways;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys through running gateways: one with the memory store, two sharing a
 * real Redis, and one whose Redis is down. Handlers and a gateway route behind the filter
 * count how often they really ran.
 */
class EdgeIdempotencyIntegrationTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final EchoServer backend = new EchoServer();

	static final AtomicInteger orders = new AtomicInteger();

	static final AtomicInteger flaky = new AtomicInteger();

	static Gateway memory;

	static Gateway redisA;

	static Gateway redisB;

	static Gateway redisDown;

	@BeforeAll
	static void startGateways() {
		Map<String, Object> properties = jwks.gatewayProperties();
		properties.put("edge.idempotency.ttl", "3s");
		properties.put("edge.idempotency.max-request-size", "1KB");
		properties.put("edge.idempotency.bindings[0].pattern", "/orders");
		properties.put("edge.idempotency.bindings[1].pattern", "/slow");
		properties.put("edge.idempotency.bindings[2].pattern", "/flaky");
		properties.put("edge.idempotency.bindings[3].pattern", "/route/**");
		properties.put("edge.idempotency.bindings[3].methods", "POST,PUT");
		properties.put("spring.cloud.gateway.server.webflux.routes[0].id", "route");
		properties.put("spring.cloud.gateway.server.webflux.routes[0].uri", backend.url());
		properties.put("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", "Path=/route/**");
		memory = Gateway.start(properties);
		Map<String, Object> redis = new LinkedHashMap<>(properties);
		redis.put("spring.data.redis.url", RedisTestServer.url());
		redis.put("edge.idempotency.store", "redis");
		redis.put("edge.idempotency.redis.key-prefix", "test:idem:" + UUID.randomUUID() + ":");
		redisA = Gateway.start(redis);
		redisB = Gateway.start(redis);
		Map<String, Object> down = new LinkedHashMap<>(redis);
		down.put("spring.data.redis.url", "redis://127.0.0.1:" + StubServer.deadPort());
		down.put("edge.idempotency.redis.timeout", "500ms");
		redisDown = Gateway.start(down);
	}

	@AfterAll
	static void stopGateways() {
		for (Gateway gateway : new Gateway[] { memory, redisA, redisB, redisDown }) {
			if (gateway != null) {
				gateway.close();
			}
		}
		jwks.close();
		backend.close();
	}

	static String token(String user) {
		return keys.token().claim("sub", user).build();
	}

	/**
	 * Post to {@code /slow} through the first gateway and, while that request is still
	 * running, post again with the same key through the second.
	 */
	static List<Reply> overlappingSlowPosts(Gateway firstGateway, Gateway secondGateway, String user, String key) {
		Mono<Reply> first = firstGateway.postAsync("/slow", user, key, "{}");
		Mono<Reply> second = Mono.delay(Duration.ofMillis(300)).then(secondGateway.postAsync("/slow", user, key, "{}"));
		return Mono.zip(first, second, List::of).block(Duration.ofSeconds(10));
	}

	@Test
	void refusesBoundRequestWithoutKey() {
		Reply reply = memory.post("/orders", token("u-1"), null, "{\"sku\":\"a\"}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
		assertThat(reply.body()).contains("/problems/idempotency-key-missing").contains("Idempotency-Key");
	}

	@Test
	void refusesMalformedKey() {
		assertThat(memory.post("/orders", token("u-1"), "has space", "{}").status()).isEqualTo(400);
		assertThat(memory.post("/orders", token("u-1"), "k".repeat(256), "{}").status()).isEqualTo(400);
		assertThat(memory.post("/orders", token("u-1"), "\"\"", "{}").status()).isEqualTo(400);
	}

	@Test
	void replaysFirstResponseForSameKeyAndPayload() {
		String user = token("u-replay");
		String key = UUID.randomUUID().toString();
		int before = orders.get();
		Reply first = memory.post("/orders", user, key, "{\"sku\":\"a\"}");
		Reply again = memory.post("/orders", user, key, "{\"sku\":\"a\"}");
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header(IdempotencyWebFilter.REPLAYED_HEADER)).isNull();
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.header(HttpHeaders.LOCATION)).isEqualTo(first.header(HttpHeaders.LOCATION));
		assertThat(again.header("X-Order")).isEqualTo(first.header("X-Order"));
		assertThat(again.header(IdempotencyWebFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(again.header("X-Request-ID")).isNotEqualTo(first.header("X-Request-ID"));
		assertThat(orders.get() - before).isEqualTo(1);
	}

	@Test
	void acceptsKeyAsStructuredFieldString() {
		String user = token("u-sf");
		String key = UUID.randomUUID().toString();
		Reply first = memory.post("/orders", user, "\"" + key + "\"", "{}");
		Reply again = memory.post("/orders", user, key, "{}");
		assertThat(again.header(IdempotencyWebFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(again.body()).isEqualTo(first.body());
	}

	@Test
	void refusesSameKeyWithDifferentPayload() {
		String user = token("u-mismatch");
		String key = UUID.randomUUID().toString();
		assertThat(memory.post("/orders", user, key, "{\"sku\":\"a\"}").status()).isEqualTo(201);
		Reply reply = memory.post("/orders", user, key, "{\"sku\":\"b\"}");
		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.body()).contains("/problems/idempotency-key-mismatch");
	}

	@Test
	void refusesRetryWhileFirstIsInFlight() {
		String user = token("u-inflight");
		String key = UUID.randomUUID().toString();
		List<Reply> replies = overlappingSlowPosts(memory, memory, user, key);
		assertThat(replies.get(0).status()).isEqualTo(201);
		assertThat(replies.get(1).status()).isEqualTo(409);
		assertThat(replies.get(1).header(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(replies.get(1).body()).contains("/problems/idempotency-key-in-flight");
		assertThat(memory.post("/slow", user, key, "{}").header(IdempotencyWebFilter.REPLAYED_HEADER))
			.isEqualTo("true");
	}

	@Test
	void scopesKeysPerPrincipal() {
		String key = UUID.randomUUID().toString();
		Reply alice = memory.post("/orders", token("u-alice"), key, "{}");
		Reply bob = memory.post("/orders", token("u-bob"), key, "{}");
		assertThat(bob.status()).isEqualTo(201);
		assertThat(bob.header(IdempotencyWebFilter.REPLAYED_HEADER)).isNull();
		assertThat(bob.body()).isNotEqualTo(alice.body());
	}

	@Test
	void serverErrorIsNotKeptSoRetryRunsAgain() {
		String user = token("u-flaky");
		String key = UUID.randomUUID().toString();
		flaky.set(0);
		assertThat(memory.post("/flaky", user, key, "{}").status()).isEqualTo(500);
		Reply retry = memory.post("/flaky", user, key, "{}");
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header(IdempotencyWebFilter.REPLAYED_HEADER)).isNull();
		assertThat(flaky.get()).isEqualTo(2);
	}

	@Test
	void replayedKeyExpiresAfterTtl() throws InterruptedException {
		String user = token("u-ttl");
		String key = UUID.randomUUID().toString();
		Reply first = memory.post("/orders", user, key, "{}");
		Thread.sleep(3500);
		Reply later = memory.post("/orders", user, key, "{}");
		assertThat(later.header(IdempotencyWebFilter.REPLAYED_HEADER)).isNull();
		assertThat(later.body()).isNotEqualTo(first.body());
	}

	@Test
	void refusesOversizedBody() {
		Reply reply = memory.post("/orders", token("u-big"), UUID.randomUUID().toString(),
				"{\"x\":\"" + "a".repeat(2000) + "\"}");
		assertThat(reply.status()).isEqualTo(413);
		assertThat(reply.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
	}

	@Test
	void leavesUnboundRequestsAlone() {
		int before = orders.get();
		assertThat(memory.post("/other", token("u-1"), null, "{}").status()).isEqualTo(201);
		assertThat(orders.get() - before).isEqualTo(1);
	}

	@Test
	void makesGatewayRoutesIdempotent() {
		String user = token("u-route");
		String key = UUID.randomUUID().toString();
		long before = countRoute(key);
		Reply first = memory.post("/route/orders?tag=" + key, user, key, "{\"sku\":\"r\"}");
		Reply again = memory.post("/route/orders?tag=" + key, user, key, "{\"sku\":\"r\"}");
		assertThat(first.status()).isEqualTo(200);
		assertThat(again.header(IdempotencyWebFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(countRoute(key) - before).isEqualTo(1);
		assertThat(backend.last().body()).isEqualTo("{\"sku\":\"r\"}");
	}

	private static long countRoute(String key) {
		return backend.received().stream().filter((received) -> received.uri().contains(key)).count();
	}

	@Test
	void replaysAcrossInstancesSharingRedis() {
		String user = token("u-redis");
		String key = UUID.randomUUID().toString();
		int before = orders.get();
		Reply first = redisA.post("/orders", user, key, "{\"sku\":\"a\"}");
		Reply onB = redisB.post("/orders", user, key, "{\"sku\":\"a\"}");
		assertThat(first.status()).isEqualTo(201);
		assertThat(onB.status()).isEqualTo(201);
		assertThat(onB.body()).isEqualTo(first.body());
		assertThat(onB.header(HttpHeaders.LOCATION)).isEqualTo(first.header(HttpHeaders.LOCATION));
		assertThat(onB.header(IdempotencyWebFilter.REPLAYED_HEADER)).isEqualTo("true");
		assertThat(orders.get() - before).isEqualTo(1);
		assertThat(redisB.post("/orders", user, key, "{\"sku\":\"b\"}").status()).isEqualTo(422);
	}

	@Test
	void refusesRetryOnAnotherInstanceWhileFirstIsInFlight() {
		String user = token("u-redis-inflight");
		String key = UUID.randomUUID().toString();
		List<Reply> replies = overlappingSlowPosts(redisA, redisB, user, key);
		assertThat(replies.get(0).status()).isEqualTo(201);
		assertThat(replies.get(1).status()).isEqualTo(409);
	}

	@Test
	void refusesWithServiceUnavailableWhenRedisIsDown() {
		int before = orders.get();
		Reply reply = redisDown.post("/orders", token("u-down"), UUID.randomUUID().toString(), "{}");
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.header(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(reply.body()).contains("/problems/idempotency-unavailable");
		assertThat(orders.get()).isEqualTo(before);
	}

	static RouterFunction<ServerResponse> handlers() {
		return RouterFunctions.route()
			.POST("/orders", (request) -> request.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
				int order = orders.incrementAndGet();
				return ServerResponse.created(java.net.URI.create("/orders/" + order))
					.header("X-Order", Integer.toString(order))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"order\":" + order + ",\"uuid\":\"" + UUID.randomUUID() + "\"}");
			}))
			.POST("/other", (request) -> {
				orders.incrementAndGet();
				return ServerResponse.status(201).bodyValue("{}");
			})
			.POST("/slow",
					(request) -> Mono.delay(Duration.ofMillis(1000))
						.then(ServerResponse.status(201).bodyValue("{\"slow\":\"" + UUID.randomUUID() + "\"}")))
			.POST("/flaky",
					(request) -> (flaky.incrementAndGet() == 1) ? ServerResponse.status(500).bodyValue("{}")
							: ServerResponse.status(201).bodyValue("{\"ok\":true}"))
			.build();
	}

	record Gateway(ConfigurableApplicationContext context, String url) implements AutoCloseable {

		static Gateway start(Map<String, Object> properties) {
			ConfigurableApplicationContext context = TestGateways.start(properties, "idempotencyTestRoutes",
					EdgeIdempotencyIntegrationTests::handlers);
			return new Gateway(context, TestGateways.url(context));
		}

		Reply post(String path, String token, String key, String body) {
			return postAsync(path, token, key, body).block(Duration.ofSeconds(20));
		}

		Mono<Reply> postAsync(String path, String token, String key, String body) {
			return WebClient.create(this.url).post().uri(path).headers((headers) -> {
				headers.setBearerAuth(token);
				if (key != null) {
					headers.set("Idempotency-Key", key);
				}
			})
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((text) -> new Reply(response.statusCode().value(), response.headers().asHttpHeaders(), text)));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	record Reply(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
