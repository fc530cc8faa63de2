package io.github.bffsuite.edge.graphql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import io.github.bffsuite.edge.test.RedisTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two running instances that share a real Redis, with every limit in {@code measure}
 * mode: operations over a limit run and are counted, not refused; automatic persisted
 * queries registered on one instance run on the other; and the cost is charged to one
 * bucket in Redis that both instances drain.
 */
class EdgeGraphQlMeasureModeRedisTests {

	static final String PREFIX = "test:gql:" + UUID.randomUUID() + ":";

	static GraphQlTestApp a;

	static GraphQlTestApp b;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.url", RedisTestServer.url());
		for (String limit : new String[] { "depth", "aliases", "root-fields", "directives", "fields", "cost" }) {
			properties.put("edge.graphql.limits." + limit + ".max", "3");
			properties.put("edge.graphql.limits." + limit + ".mode", "measure");
		}
		properties.put("edge.graphql.persisted-queries.store", "redis");
		properties.put("edge.graphql.persisted-queries.key-prefix", PREFIX + "apq:");
		properties.put("edge.rate-limit.store", "redis");
		properties.put("edge.rate-limit.redis.key-prefix", PREFIX + "rl:");
		properties.put("edge.rate-limit.policies.graphql-cost.capacity", "400");
		properties.put("edge.rate-limit.policies.graphql-cost.refill-tokens", "1");
		properties.put("edge.rate-limit.policies.graphql-cost.refill-period", "1h");
		a = GraphQlTestApp.start(properties);
		b = GraphQlTestApp.start(properties);
	}

	@AfterAll
	static void stop() {
		if (a != null) {
			a.close();
		}
		if (b != null) {
			b.close();
		}
	}

	static EntityExchangeResult<String> post(GraphQlTestApp app, String user, Map<String, Object> body) {
		return app.post(user, body).expectBody(String.class).returnResult();
	}

	static WebTestClient.BodyContentSpec ok(GraphQlTestApp app, String user, Map<String, Object> body) {
		return app.post(user, body).expectStatus().isOk().expectBody();
	}

	@Test
	void letsAnOperationOverItsLimitsRunAndCountsIt() {
		double measuredDepth = a.count(GraphQlGuardrailMetrics.MEASURED, "max-depth-exceeded");
		double measuredAliases = a.count(GraphQlGuardrailMetrics.MEASURED, "max-aliases-exceeded");
		double measuredCost = a.count(GraphQlGuardrailMetrics.MEASURED, "cost-limit-exceeded");
		double rejected = a.count(GraphQlGuardrailMetrics.REJECTIONS, "max-depth-exceeded");
		ok(a, "u-" + UUID.randomUUID(),
				Map.of("query", "{ me { friends(first: 1) { friends(first: 1) { x: id y: id z: id w: id } } } }"))
			.jsonPath("$.data.me.friends[0].friends[0].w")
			.isEqualTo("f0")
			.jsonPath("$.errors")
			.doesNotExist();
		assertThat(a.count(GraphQlGuardrailMetrics.MEASURED, "max-depth-exceeded")).isEqualTo(measuredDepth + 1);
		assertThat(a.count(GraphQlGuardrailMetrics.MEASURED, "max-aliases-exceeded")).isEqualTo(measuredAliases + 1);
		assertThat(a.count(GraphQlGuardrailMetrics.MEASURED, "cost-limit-exceeded")).isEqualTo(measuredCost + 1);
		assertThat(a.count(GraphQlGuardrailMetrics.REJECTIONS, "max-depth-exceeded")).isEqualTo(rejected);
	}

	@Test
	void stillRefusesWhatNoModeLetsThrough() {
		EntityExchangeResult<String> result = post(a, "u-" + UUID.randomUUID(),
				Map.of("query", "{ me { ...A } } fragment A on User { friends { ...A } }"));
		assertThat(result.getStatus().value()).isEqualTo(400);
		assertThat(result.getResponseBody()).contains("CIRCULAR_FRAGMENTS");
	}

	@Test
	void runsAPersistedQueryRegisteredOnAnotherInstance() {
		String user = "u-" + UUID.randomUUID();
		String query = "{ products(first: 2) { id } } # " + UUID.randomUUID();
		String hash = TrustedDocuments.sha256(query);
		Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
		assertThat(post(b, user, Map.of("extensions", extensions)).getResponseBody())
			.contains("PERSISTED_QUERY_NOT_FOUND");
		ok(a, user, Map.of("query", query, "extensions", extensions)).jsonPath("$.data.products.length()").isEqualTo(2);
		ReactiveStringRedisTemplate redis = a.context().getBean(ReactiveStringRedisTemplate.class);
		String key = PREFIX + "apq:{" + hash + "}";
		assertThat(redis.opsForValue().get(key).block(Duration.ofSeconds(5))).isEqualTo(query);
		assertThat(redis.getExpire(key).block(Duration.ofSeconds(5))).isPositive();
		ok(b, user, Map.of("extensions", extensions)).jsonPath("$.data.products[1].id").isEqualTo("p1");
	}

	@Test
	void chargesTheCostToOneBucketInRedisAcrossInstances() {
		String user = "u-" + UUID.randomUUID();
		String heavy = "{ orders(first: 5) { id items { id product { name } } } }";
		int allowed = 0;
		for (int i = 0; i < 6; i++) {
			EntityExchangeResult<String> result = post((i % 2 == 0) ? a : b, user, Map.of("query", heavy));
			if (result.getStatus().value() == 429) {
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotEmpty();
				assertThat(result.getResponseBody()).contains("RATE_LIMITED");
				break;
			}
			assertThat(result.getStatus().value()).isEqualTo(200);
			allowed++;
		}
		assertThat(allowed).isEqualTo(2);
		EntityExchangeResult<String> light = post(b, "u-" + UUID.randomUUID(), Map.of("query", "{ me { id } }"));
		assertThat(light.getStatus().value()).isEqualTo(200);
		assertThat(light.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("398");
	}

}
