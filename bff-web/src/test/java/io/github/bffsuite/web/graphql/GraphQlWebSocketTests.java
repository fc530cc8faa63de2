package io.github.bffsuite.web.graphql;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graphql-ws through the real WebSocket stack, spoken message by message: a connection
 * needs a valid bearer token in {@code connection_init} (else 4401 before any operation
 * is parsed), and its operations are charged to the caller's rate limit bucket and cost
 * budget, the same buckets as HTTP operations. Operations over SSE are charged their cost
 * too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"edge.rate-limit.policies.web-user.capacity=3", "edge.rate-limit.policies.web-user.refill-tokens=1",
		"edge.rate-limit.policies.web-user.refill-period=1h", "edge.rate-limit.policies.graphql-cost.capacity=100",
		"edge.graphql.cost.fields[Subscription.orderStatusChanged]=500" })
class GraphQlWebSocketTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final JsonMapper json = JsonMapper.builder().build();

	static final String INTROSPECTION = "{ __schema { queryType { name } } }";

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
	void closesConnectionWithoutTokenBeforeAnyOperation() {
		for (Map<String, Object> payload : List.<Map<String, Object>>of(Map.of(), Map.of("Authorization", ""),
				Map.of("Authorization", "Bearer not-a-token"), Map.of("Authorization", "Basic YWxpY2U6cGFzc3dvcmQ="),
				Map.of("Authorization", "Bearer " + keys.token().audience("bff-mobile").build()))) {
			Session session = open(payload, List.of(INTROSPECTION));
			assertThat(session.closeStatus()).as("payload %s", payload).isNotNull();
			assertThat(session.closeStatus().getCode()).as("payload %s", payload).isEqualTo(4401);
			assertThat(session.received()).as("payload %s", payload)
				.noneMatch((message) -> message.contains("connection_ack") || message.contains("__schema")
						|| message.contains("queryType"));
		}
	}

	@Test
	void closesConnectionThatSubscribesBeforeInit() {
		Session session = exchange(List.of(subscribe("1", INTROSPECTION)));
		assertThat(session.closeStatus()).isNotNull();
		assertThat(session.closeStatus().getCode()).isEqualTo(4401);
		assertThat(session.received()).noneMatch((message) -> message.contains("queryType"));
	}

	@Test
	void chargesOperationsToTheSameBucketAsHttp() {
		// bob's web-user bucket holds 3: two HTTP operations and one over graphql-ws take
		// it, the next operation over graphql-ws is refused
		String token = GraphQlTestSupport.bob(keys);
		for (int i = 0; i < 2; i++) {
			httpTypename(token);
		}
		Session session = open(Map.of("Authorization", "Bearer " + token), List.of("{ __typename }", "{ __typename }"));
		List<Map<String, Object>> next = session.next();
		assertThat(next).hasSize(2);
		assertThat(next.get(0).toString()).contains("__typename=Query");
		assertThat(next.get(1).toString()).contains("RATE_LIMITED").doesNotContain("__typename=Query");
	}

	@Test
	void chargesOperationCostToTheCostBudget() {
		// carol's cost budget holds 100 units; a page of 100 products costs more than
		// that
		String token = GraphQlTestSupport.carol(keys);
		Session session = open(Map.of("Authorization", "Bearer " + token),
				List.of("{ products(first: 100) { edges { node { id name } } } }"));
		assertThat(session.next()).singleElement()
			.satisfies((message) -> assertThat(message.toString()).contains("RATE_LIMITED").contains("cost"));
		assertThat(stubs.total()).isZero();
	}

	@Test
	void chargesOperationCostOverServerSentEvents() {
		String body = GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + GraphQlTestSupport.carol(keys))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "subscription { orderStatusChanged(orderId: \"o-00005\") { status } }"))
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		// the subscription is priced above carol's whole cost budget
		assertThat(body).contains("RATE_LIMITED").doesNotContain("PENDING");
		assertThat(stubs.total()).isZero();
	}

	@Test
	void refusesQueryOverServerSentEventsBeforeItRuns() {
		GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + GraphQlTestSupport.alice(keys))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ products(first: 2) { edges { node { id } } } }"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("OPERATION_NOT_ALLOWED_OVER_SSE");
		assertThat(stubs.total()).isZero();
	}

	private void httpTypename(String token) {
		GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ __typename }"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	/** Send connection_init with the payload, then each document once acknowledged. */
	private Session open(Map<String, Object> payload, List<String> documents) {
		List<String> messages = new ArrayList<>();
		messages.add(write(Map.of("type", "connection_init", "payload", payload)));
		for (int i = 0; i < documents.size(); i++) {
			messages.add(subscribe(Integer.toString(i + 1), documents.get(i)));
		}
		return exchange(messages);
	}

	private static String subscribe(String id, String document) {
		return write(Map.of("id", id, "type", "subscribe", "payload", Map.of("query", document)));
	}

	/**
	 * Send the messages one at a time, each after the server's answer to the one before
	 * (an ack, or a complete), and collect what the server sends until it closes or all
	 * operations completed.
	 */
	private Session exchange(List<String> messages) {
		List<String> received = new CopyOnWriteArrayList<>();
		AtomicReference<CloseStatus> closed = new AtomicReference<>();
		WebSocketHandler handler = new GraphQlWsHandler((session) -> {
			Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();
			AtomicInteger sent = new AtomicInteger();
			AtomicInteger completed = new AtomicInteger();
			long operations = messages.stream().filter((message) -> message.contains("\"subscribe\"")).count();
			outbound.tryEmitNext(messages.get(sent.getAndIncrement()));
			session.closeStatus().subscribe(closed::set);
			Mono<Void> in = session.receive().map((message) -> message.getPayloadAsText()).doOnNext((text) -> {
				received.add(text);
				if (text.contains("\"complete\"")) {
					completed.incrementAndGet();
				}
				if (text.contains("\"connection_ack\"") || text.contains("\"complete\"")) {
					if (sent.get() < messages.size()) {
						outbound.tryEmitNext(messages.get(sent.getAndIncrement()));
					}
				}
			})
				.takeUntil((text) -> completed.get() >= operations)
				.doFinally((signal) -> outbound.tryEmitComplete())
				.then();
			Mono<Void> out = session.send(outbound.asFlux().map(session::textMessage)).onErrorComplete();
			return Mono.when(in, out).then(session.close());
		});
		new ReactorNettyWebSocketClient().execute(URI.create("ws://127.0.0.1:" + this.port + "/graphql-ws"), handler)
			.block(Duration.ofSeconds(20));
		CloseStatus status = closed.get();
		return new Session(List.copyOf(received), (status != null && status.getCode() >= 4000) ? status : null);
	}

	/** A handler that speaks graphql-ws's sub-protocol. */
	record GraphQlWsHandler(WebSocketHandler delegate) implements WebSocketHandler {

		@Override
		public List<String> getSubProtocols() {
			return List.of("graphql-transport-ws");
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			return this.delegate.handle(session);
		}

	}

	private static String write(Object value) {
		return json.writeValueAsString(value);
	}

	record Session(List<String> received, CloseStatus closeStatus) {

		@SuppressWarnings("unchecked")
		List<Map<String, Object>> next() {
			return this.received.stream()
				.map((text) -> (Map<String, Object>) json.readValue(text, Map.class))
				.filter((message) -> "next".equals(message.get("type")))
				.map((message) -> (Map<String, Object>) message.get("payload"))
				.toList();
		}

	}

}
