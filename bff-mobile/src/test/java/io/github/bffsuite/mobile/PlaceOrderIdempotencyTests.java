package io.github.bffsuite.mobile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.test.RedisTestServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /mobile/v1/orders} under the starter's Idempotency-Key feature, as
 * application.yml binds it: in one gateway (memory store) and across two gateway
 * instances sharing a real Redis ({@code redis} profile).
 */
class PlaceOrderIdempotencyTests extends MobileGatewayTestSupport {

	private static final String ORDER = "{\"items\":[{\"productId\":\"p-0002\",\"quantity\":1}]}";

	private static final String OTHER_ORDER = "{\"items\":[{\"productId\":\"p-0004\",\"quantity\":1}]}";

	@Test
	void requiresAKey() {
		place(this.client, null, ORDER).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.value((type) -> assertThat((String) type).endsWith("/idempotency-key-missing"));
		assertThat(backends.service("order-service").requests()).isEmpty();
	}

	@Test
	void replaysTheFirstAnswerToARetry() {
		String key = "mobile-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> first = place(this.client, key, ORDER).expectStatus()
			.isCreated()
			.expectBody()
			.returnResult();
		EntityExchangeResult<byte[]> retry = place(this.client, key, ORDER).expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Idempotent-Replayed", "true")
			.expectBody()
			.returnResult();
		assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
		assertThat(placed()).hasSize(1);
	}

	@Test
	void refusesTheSameKeyForAnotherOrder() {
		String key = "mobile-" + UUID.randomUUID();
		place(this.client, key, ORDER).expectStatus().isCreated();
		place(this.client, key, OTHER_ORDER).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.type")
			.value((type) -> assertThat((String) type).endsWith("/idempotency-key-mismatch"));
		assertThat(placed()).hasSize(1);
	}

	@Test
	void refusesARetryWhileTheFirstIsStillRunning() {
		backends.service("order-service").delay(Duration.ofMillis(600));
		String key = "mobile-" + UUID.randomUUID();
		Mono<Integer> first = status(key);
		Mono<Integer> second = Mono.delay(Duration.ofMillis(200)).then(status(key));
		List<Integer> statuses = Mono.zip(first, second).map((both) -> List.of(both.getT1(), both.getT2())).block();
		// on a busy machine the second may reach the gateway first: one runs, the other
		// waits
		assertThat(statuses).containsExactlyInAnyOrder(201, 409);
		assertThat(placed()).hasSize(1);
	}

	@Test
	void replaysAcrossTwoGatewaysSharingRedis() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.data.redis.url", RedisTestServer.url());
		properties.put("edge.idempotency.redis.key-prefix", "test:mobile:" + UUID.randomUUID() + ":");
		properties.put("edge.rate-limit.enabled", "false");
		properties.put("edge.security.jwt.issuer-uri", "http://issuer.test");
		properties.put("edge.security.jwt.jwk-set-uri", jwks.uri());
		for (String service : List.of("user-service", "order-service", "product-service")) {
			properties.put("edge.downstream.services." + service + ".base-url",
					"http://127.0.0.1:" + backends.service(service).port());
		}
		try (ConfigurableApplicationContext a = start(properties);
				ConfigurableApplicationContext b = start(properties)) {
			String key = "mobile-" + UUID.randomUUID();
			EntityExchangeResult<byte[]> first = place(client(a), key, ORDER).expectStatus()
				.isCreated()
				.expectBody()
				.returnResult();
			EntityExchangeResult<byte[]> retry = place(client(b), key, ORDER).expectStatus()
				.isCreated()
				.expectHeader()
				.valueEquals("Idempotent-Replayed", "true")
				.expectBody()
				.returnResult();
			assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
			place(client(b), key, OTHER_ORDER).expectStatus().isEqualTo(422);
			assertThat(placed()).hasSize(1);
		}
	}

	/**
	 * Start a gateway with the {@code redis} profile. The properties go in as command
	 * line arguments, which win over application.yml; the gateway gets Reactor Netty
	 * resources of its own, so that closing it leaves the shared ones of the other tests
	 * running.
	 */
	private static ConfigurableApplicationContext start(Map<String, Object> properties) {
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(BffMobileApplication.class).web(WebApplicationType.REACTIVE)
			.profiles("redis")
			.initializers((context) -> ((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class,
					() -> {
						ReactorResourceFactory resources = new ReactorResourceFactory();
						resources.setUseGlobalResources(false);
						return resources;
					}))
			.run(args);
	}

	private static WebTestClient client(ConfigurableApplicationContext context) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	private Mono<Integer> status(String key) {
		return org.springframework.web.reactive.function.client.WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/mobile/v1/orders")
			.headers(erin())
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ORDER)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
	}

	private static WebTestClient.ResponseSpec place(WebTestClient client, String key, String body) {
		return client.post().uri("/mobile/v1/orders").headers(erin()).headers((headers) -> {
			if (key != null) {
				headers.set("Idempotency-Key", key);
			}
		}).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private static List<String> placed() {
		return backends.service("order-service")
			.requests()
			.stream()
			.filter((request) -> request.startsWith("order-service POST"))
			.toList();
	}

}
