package io.github.bffsuite.web.graphql;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code orderStatusChanged} fed by order-service's event stream, over GraphQL over SSE
 * and over graphql-ws, both authenticated with the same bearer token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class GraphQlSubscriptionTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	// o-00005 is alice's and PENDING: the stream runs PENDING, PAID, SHIPPED, DELIVERED
	static final String SUBSCRIPTION = "subscription { orderStatusChanged(orderId: \"o-00005\") { orderId status at } }";

	static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GraphQlTestSupport.register(registry, fixture, stubs);
	}

	@AfterAll
	static void stop() {
		fixture.close();
		stubs.close();
	}

	@BeforeEach
	void setUp() {
		stubs.clear();
	}

	@Test
	void streamsStatusChangesOverServerSentEvents() {
		List<ServerSentEvent<String>> events = sse(GraphQlTestSupport.alice(keys), SUBSCRIPTION);
		List<String> next = events.stream()
			.filter((event) -> "next".equals(event.event()))
			.map(ServerSentEvent::data)
			.toList();
		assertThat(next).hasSize(4);
		assertThat(next.get(0)).contains("\"status\":\"PENDING\"").contains("\"orderId\":\"o-00005\"");
		assertThat(next.get(3)).contains("\"status\":\"DELIVERED\"");
		assertThat(events.get(events.size() - 1).event()).isEqualTo("complete");
		assertThat(stubs.orders.received()).singleElement().satisfies((received) -> {
			assertThat(received.uri()).isEqualTo("/orders/o-00005/events");
			assertThat(received.headers()).containsEntry("x-user-id", "u-001").containsEntry("x-tenant-id", "acme");
		});
	}

	@Test
	void refusesAnotherTenantsOrderOverServerSentEvents() {
		List<ServerSentEvent<String>> events = sse(GraphQlTestSupport.carol(keys), SUBSCRIPTION);
		assertThat(events).filteredOn((event) -> "next".equals(event.event()))
			.singleElement()
			.satisfies((event) -> assertThat(event.data()).contains("\"code\":\"NOT_FOUND\"")
				.contains("\"service\":\"order-service\"")
				.doesNotContain("\"status\":\"PENDING\""));
	}

	@Test
	void rejectsServerSentEventsWithoutToken() {
		GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", SUBSCRIPTION))
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(stubs.total()).isZero();
	}

	@Test
	void streamsStatusChangesOverGraphQlWs() {
		List<String> statuses = webSocket(GraphQlTestSupport.alice(keys)).document(SUBSCRIPTION)
			.executeSubscription()
			.toFlux("orderStatusChanged.status", String.class)
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(statuses).containsExactly("PENDING", "PAID", "SHIPPED", "DELIVERED");
		assertThat(stubs.orders.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers()).containsEntry("x-user-id", "u-001"));
	}

	@Test
	void refusesGraphQlWsConnectionWithoutValidToken() {
		String mobile = keys.token().audience("bff-mobile").claim("scope", GraphQlTestSupport.ALL_SCOPES).build();
		for (String token : new String[] { mobile, "not-a-token" }) {
			assertThatThrownBy(() -> webSocket(token).document(SUBSCRIPTION)
				.executeSubscription()
				.toFlux("orderStatusChanged.status", String.class)
				.collectList()
				.block(Duration.ofSeconds(10))).isNotNull();
		}
		assertThat(stubs.total()).isZero();
	}

	@Test
	void refusesAnotherTenantsOrderOverGraphQlWs() {
		assertThatThrownBy(() -> webSocket(GraphQlTestSupport.carol(keys)).document(SUBSCRIPTION)
			.executeSubscription()
			.toFlux("orderStatusChanged.status", String.class)
			.collectList()
			.block(Duration.ofSeconds(10))).hasMessageContaining("NOT_FOUND");
	}

	private List<ServerSentEvent<String>> sse(String token, String document) {
		Flux<ServerSentEvent<String>> events = GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", document))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(EVENT)
			.getResponseBody();
		return events.take(Duration.ofSeconds(10)).collectList().block(Duration.ofSeconds(15));
	}

	private WebSocketGraphQlTester webSocket(String token) {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://127.0.0.1:" + this.port + "/graphql-ws"), new ReactorNettyWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {

				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + token));
				}

			})
			.build();
	}

}
