package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.bffsuite.edge.test.EdgeGatewayTestSupport;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Named downstreams against real HTTP services with delays and failures, both through
 * their {@code WebClient}s and through gateway routes with the {@code CallDownstream}
 * filter.
 */
class EdgeDownstreamIntegrationTests extends EdgeGatewayTestSupport {

	@Autowired
	EdgeDownstreamClients clients;

	@Test
	void timesOutWithin10PercentOfTheResponseTimeout() {
		long start = System.nanoTime();
		assertThatExceptionOfType(DownstreamException.class).isThrownBy(() -> get("timeout", "/delay/2000/client"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(504);
				assertThat(ex.reason()).isEqualTo("timeout");
			});
		// the 500 ms timeout answered, not the service (2 s): wide above, for a busy
		// machine
		assertThat(elapsedMillis(start)).isBetween(450L, 1500L);
	}

	@Test
	void answersRouteTimeoutWith504ProblemNamingTheDownstream() {
		// the first request through the gateway fetches the JWKS and warms up the chain
		authorizedGet("/users/ok/warm-up").expectStatus().isOk();
		this.client.get().uri("/timeout/ok/warm-up").exchange().expectStatus().isUnauthorized();
		long start = System.nanoTime();
		String body = authorizedGet("/timeout/delay/2000/route").expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		// the 500 ms timeout answered, not the service (2 s): wide above, for a busy
		// machine
		assertThat(elapsedMillis(start)).isBetween(450L, 1500L);
		assertThat(body).contains("\"downstream\":\"timeout\"", "gateway-timeout").doesNotContain("127.0.0.1");
	}

	@Test
	void answersRefusedConnectionWith502ProblemWithoutTheAddress() {
		String body = authorizedGet("/refused/ok/x").expectStatus()
			.isEqualTo(502)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"downstream\":\"refused\"", "\"reason\":\"unreachable\"")
			.doesNotContain(String.valueOf(deadPort));
	}

	@Test
	void circuitOpensAfterThresholdShortCircuitsThenHalfOpensAndCloses() throws InterruptedException {
		CircuitBreaker breaker = this.clients.downstream("breaker").circuitBreaker();
		for (int i = 0; i < 4; i++) {
			assertThat(status("breaker", "/status/500/cb")).isEqualTo(500);
		}
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		int before = serviceA.count("status/500/cb");
		long start = System.nanoTime();
		assertThatExceptionOfType(DownstreamException.class).isThrownBy(() -> status("breaker", "/status/500/cb"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(503);
				assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			});
		assertThat(elapsedMillis(start)).isLessThan(50);
		assertThat(serviceA.count("status/500/cb")).isEqualTo(before);
		Thread.sleep(600);
		assertThat(status("breaker", "/ok/cb")).isEqualTo(200);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
		assertThat(status("breaker", "/ok/cb")).isEqualTo(200);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void clientErrorsNeverOpenTheCircuit() {
		for (int i = 0; i < 8; i++) {
			assertThat(status("lenient", "/status/404/cb")).isEqualTo(404);
		}
		assertThat(this.clients.downstream("lenient").circuitBreaker().getState())
			.isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void openCircuitOnRouteAnswers503WithRetryAfter() {
		for (int i = 0; i < 4; i++) {
			authorizedGet("/breaker/status/500/route").expectStatus().isEqualTo(500);
		}
		authorizedGet("/breaker/status/500/route").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "1")
			.expectBody()
			.jsonPath("$.downstream")
			.isEqualTo("breaker-route")
			.jsonPath("$.reason")
			.isEqualTo("circuit-open");
	}

	@Test
	void retriesStayWithinBudgetWhenEveryCallFails() {
		int calls = 100;
		for (int i = 0; i < calls; i++) {
			assertThatExceptionOfType(DownstreamException.class).isThrownBy(() -> get("budget", "/status/503/budget"))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(503));
		}
		int received = serviceA.count("status/503/budget");
		assertThat(received).isGreaterThan(calls).isLessThanOrEqualTo((int) (calls * 1.2) + 2);
	}

	@Test
	void retriesRouteRequestsWithinBudgetWhenEveryCallFails() {
		int calls = 50;
		for (int i = 0; i < calls; i++) {
			authorizedGet("/budget/status/503/route").expectStatus()
				.isEqualTo(503)
				.expectBody()
				.jsonPath("$.downstream")
				.isEqualTo("budget-route");
		}
		int received = serviceA.count("status/503/route");
		assertThat(received).isGreaterThan(calls).isLessThanOrEqualTo((int) (calls * 1.2) + 2);
	}

	@Test
	void neverRetriesNonIdempotentCalls() {
		for (int i = 0; i < 10; i++) {
			assertThatExceptionOfType(DownstreamException.class).isThrownBy(() -> this.clients.webClient("budget")
				.post()
				.uri("/status/503/post")
				.bodyValue(Map.of("a", 1))
				.retrieve()
				.toBodilessEntity()
				.block());
		}
		assertThat(serviceA.count("status/503/post")).isEqualTo(10);
		this.client.post()
			.uri("/budget/status/503/route-post")
			.headers((headers) -> headers.setBearerAuth(token()))
			.bodyValue(Map.of("a", 1))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		assertThat(serviceA.count("status/503/route-post")).isEqualTo(1);
	}

	@Test
	void hungDownstreamDoesNotSlowCallsToAnother() {
		List<Throwable> rejected = new CopyOnWriteArrayList<>();
		List<Disposable> hung = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			hung.add(this.clients.webClient("hung")
				.get()
				.uri("/hang/x")
				.retrieve()
				.toBodilessEntity()
				.subscribe(null, rejected::add));
		}
		try {
			long start = System.nanoTime();
			for (int i = 0; i < 20; i++) {
				assertThat(status("healthy", "/ok/fast")).isEqualTo(200);
			}
			assertThat(elapsedMillis(start)).isLessThan(1000);
			assertThat(rejected).hasSize(4)
				.allSatisfy((ex) -> assertThat(((DownstreamException) ex).reason()).isEqualTo("busy"));
		}
		finally {
			hung.forEach(Disposable::dispose);
		}
	}

	@Test
	void spreadsCallsOverInstancesAndSkipsADeadOne() {
		int beforeA = serviceA.count("ok/lb");
		int beforeB = serviceB.count("ok/lb");
		for (int i = 0; i < 20; i++) {
			assertThat(status("balanced", "/ok/lb")).isEqualTo(200);
			authorizedGet("/balanced/ok/lb").expectStatus().isOk();
		}
		int a = serviceA.count("ok/lb") - beforeA;
		int b = serviceB.count("ok/lb") - beforeB;
		assertThat(a + b).isEqualTo(40);
		assertThat(a).isBetween(14, 26);
		assertThat(b).isBetween(14, 26);
	}

	@Test
	void aggregationMarksGapsOfOptionalSections() {
		WebClient users = this.clients.webClient("users");
		long start = System.nanoTime();
		AggregateResult result = Aggregation.within(Duration.ofMillis(250))
			.required("user", users.get().uri("/delay/20/agg").retrieve().bodyToMono(Map.class))
			.optional("orders", users.get().uri("/delay/40/agg").retrieve().bodyToMono(Map.class))
			.optional("recommendations", users.get().uri("/delay/1000/agg").retrieve().bodyToMono(Map.class))
			.optional("profile", this.clients.webClient("refused").get().uri("/ok").retrieve().bodyToMono(Map.class))
			.run()
			.block();
		assertThat(elapsedMillis(start)).isLessThan(450);
		assertThat(result.values()).containsOnlyKeys("user", "orders");
		assertThat(result.gaps()).containsExactly(new Gap("recommendations", "deadline"),
				new Gap("profile", "unreachable"));
		assertThat(result.complete()).isFalse();
	}

	@Test
	void aggregationFailsWhenARequiredSectionFails() {
		WebClient users = this.clients.webClient("users");
		assertThatExceptionOfType(DownstreamException.class)
			.isThrownBy(() -> Aggregation.within(Duration.ofSeconds(1))
				.optional("orders", users.get().uri("/ok/agg").retrieve().bodyToMono(Map.class))
				.required("profile",
						this.clients.webClient("refused").get().uri("/ok").retrieve().bodyToMono(Map.class))
				.run()
				.block())
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(502));
		assertThatExceptionOfType(org.springframework.web.ErrorResponseException.class)
			.isThrownBy(() -> Aggregation.within(Duration.ofMillis(100))
				.required("user", users.get().uri("/delay/1000/agg").retrieve().bodyToMono(Map.class))
				.run()
				.block())
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(504));
	}

	private String get(String downstream, String path) {
		return this.clients.webClient(downstream).get().uri(path).retrieve().bodyToMono(String.class).block();
	}

	private int status(String downstream, String path) {
		return this.clients.webClient(downstream)
			.get()
			.uri(path)
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block();
	}

	private static long elapsedMillis(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

}
