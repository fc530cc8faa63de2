package io.github.bffsuite.edge.downstream;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DownstreamHttpServices}: a declared client against a real HTTP server,
 * through the downstream's resilient client and the shared error policy.
 */
class DownstreamHttpServicesTests {

	private DisposableServer server;

	private EdgeDownstreamClients clients;

	private Things things;

	@BeforeEach
	void start() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes
				.get("/things/one",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just("{\"id\":\"one\",\"name\":\"The one\"}")))
				.get("/things/missing",
						(request, response) -> response.status(404)
							.header("Content-Type", "application/problem+json")
							.sendString(Mono.just("{\"status\":404,\"detail\":\"Thing missing was not found\"}")))
				.get("/things/broken",
						(request, response) -> response.status(500)
							.header("Content-Type", "text/plain")
							.sendString(Mono.just("NullPointerException at internal.Secret")))
				.get("/things/unavailable", (request, response) -> response.status(503).send()))
			.bindNow();
		EdgeDownstreamProperties properties = new EdgeDownstreamProperties();
		EdgeDownstreamProperties.Service service = new EdgeDownstreamProperties.Service();
		service.setBaseUrl("http://127.0.0.1:" + this.server.port());
		properties.setServices(Map.of("things", service));
		this.clients = new EdgeDownstreamClients(properties, WebClient::builder, new SimpleMeterRegistry(),
				Clock.systemUTC());
		this.things = new DownstreamHttpServices(this.clients).client("things", Things.class);
	}

	@AfterEach
	void stop() {
		this.clients.destroy();
		this.server.disposeNow();
	}

	@Test
	void readsTheAnswerOfTheDeclaredCall() {
		assertThat(this.things.thing("one").block(Duration.ofSeconds(5))).isEqualTo(new Thing("one", "The one"));
	}

	@Test
	void keepsTheStatusAndDetailOfAClientError() {
		assertThatExceptionOfType(DownstreamRejectedException.class)
			.isThrownBy(() -> this.things.thing("missing").block(Duration.ofSeconds(5)))
			.satisfies((ex) -> {
				assertThat(ex.downstream()).isEqualTo("things");
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.detail()).isEqualTo("Thing missing was not found");
				assertThat(ex.getBody().getDetail()).isEqualTo("Thing missing was not found");
			});
	}

	@Test
	void turnsAServerErrorIntoABadGatewayThatShowsNothingOfTheBody() {
		assertThatExceptionOfType(DownstreamException.class)
			.isThrownBy(() -> this.things.thing("broken").block(Duration.ofSeconds(5)))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(502);
				assertThat(ex.reason()).isEqualTo("status-500");
				assertThat(ex.isServerError()).isTrue();
				assertThat(ex.getBody().getDetail()).doesNotContain("Secret");
			});
	}

	@Test
	void callsThroughTheDownstreamPolicies() {
		// a gateway error on every attempt is the downstream policies' coded failure
		assertThatExceptionOfType(DownstreamException.class)
			.isThrownBy(() -> this.things.thing("unavailable").block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("status-503"));
	}

	@HttpExchange("/things")
	interface Things {

		@GetExchange("/{id}")
		Mono<Thing> thing(@PathVariable String id);

	}

	record Thing(String id, String name) {

	}

}
