package io.github.bffsuite.web.graphql;

import java.net.URI;
import java.util.Map;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.client.WebSocketGraphQlClientInterceptor;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What /graphql answers to requests that are not well-formed GraphQL over HTTP, or that
 * ask for the wrong transport: every error is JSON with a stable code (a GraphQL
 * {@code errors} body with {@code extensions.code}, or a problem with its {@code type}),
 * never an empty body, a serialised {@code Publisher} or an internal name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class GraphQlHttpTransportTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String SUBSCRIPTION = "subscription { orderStatusChanged(orderId: \"o-00005\") { orderId status } }";

	static final String BAD_FAITH_INTROSPECTION = "{ a: __schema { queryType { name } } b: __schema { queryType { name } } }";

	static final String PROBLEMS = "https://bff-suite.dev/problems/";

	@LocalServerPort
	int port;

	WebTestClient client;

	String token;

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
		this.client = GatewayTestFixture.client(this.port);
		this.token = GraphQlTestSupport.alice(keys);
	}

	@Test
	void answersBodyThatIsNoGraphQlRequestWithBadRequest() {
		for (String body : new String[] { "", "null", "  ", "{}", "\"query\"", "{\"query\": \"{ me { id } }\"",
				"{\"query\": \"{ me { id } }\", \"variables\": \"x\"}" }) {
			for (MediaType accept : new MediaType[] { MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
					MediaType.TEXT_EVENT_STREAM }) {
				post(body, accept).expectStatus()
					.isBadRequest()
					.expectHeader()
					.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
					.expectBody()
					.jsonPath("$.errors[0].extensions.code")
					.isEqualTo("BAD_REQUEST")
					.jsonPath("$.errors[0].message")
					.value(String.class, (message) -> assertThat(message).contains("JSON object with a 'query'"))
					.jsonPath("$.data")
					.doesNotExist();
			}
		}
		assertThat(stubs.total()).isZero();
	}

	@Test
	void refusesSubscriptionSentForOneResponseBeforeItRuns() {
		for (MediaType accept : new MediaType[] { MediaTypes.APPLICATION_GRAPHQL_RESPONSE,
				MediaType.APPLICATION_JSON }) {
			post(json(SUBSCRIPTION), accept).expectStatus()
				.isEqualTo(406)
				.expectHeader()
				.contentType(accept)
				.expectBody()
				.jsonPath("$.data")
				.doesNotExist()
				.jsonPath("$.errors.length()")
				.isEqualTo(1)
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("SUBSCRIPTION_NEEDS_STREAM")
				.jsonPath("$.errors[0].message")
				.value(String.class, (message) -> assertThat(message).contains("Accept: text/event-stream")
					.contains("graphql-ws at /graphql-ws"));
		}
		assertThat(stubs.total()).isZero();
	}

	@Test
	void answersWrongContentTypeWithProblem() {
		for (String contentType : new String[] { "text/plain", "application/x-www-form-urlencoded",
				"application/octet-stream" }) {
			this.client.post()
				.uri("/graphql")
				.headers((headers) -> authorized(headers).set(HttpHeaders.CONTENT_TYPE, contentType))
				.bodyValue(json("{ me { id } }"))
				.exchange()
				.expectStatus()
				.isEqualTo(415)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "unsupported-media-type");
		}
	}

	@Test
	void answersAcceptWithoutJsonOrEventStreamWithProblem() {
		post(json("{ me { id } }"), MediaType.TEXT_HTML).expectStatus()
			.isEqualTo(406)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "not-acceptable");
	}

	@Test
	void answersOtherMethodsWithMethodNotAllowed() {
		for (HttpMethod method : new HttpMethod[] { HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH }) {
			this.client.method(method)
				.uri("/graphql")
				.headers(this::authorized)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(json("{ me { id } }"))
				.exchange()
				.expectStatus()
				.isEqualTo(405)
				.expectHeader()
				.valueEquals(HttpHeaders.ALLOW, "GET,POST")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo(PROBLEMS + "method-not-allowed");
		}
	}

	@Test
	void answersGetWithoutQueryWithBadRequest() {
		this.client.get()
			.uri("/graphql")
			.headers(this::authorized)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_REQUEST");
	}

	@Test
	void refusesDisallowedOriginWithProblem() {
		this.client.post()
			.uri("/graphql")
			.headers((headers) -> authorized(headers).setOrigin("https://evil.example"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json("{ me { id } }"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "cors-rejected");
		this.client.options().uri("/graphql").headers((headers) -> {
			headers.setOrigin("https://evil.example");
			headers.setAccessControlRequestMethod(HttpMethod.POST);
		})
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo(PROBLEMS + "cors-rejected");
		assertThat(stubs.total()).isZero();
	}

	@Test
	void codesBadFaithIntrospection() {
		post(json(BAD_FAITH_INTROSPECTION), MediaTypes.APPLICATION_GRAPHQL_RESPONSE).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_FAITH_INTROSPECTION");
		webSocket().document(BAD_FAITH_INTROSPECTION)
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies(
						(error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_FAITH_INTROSPECTION")));
	}

	@Test
	void refusesPersistedQueryWithoutHashWithoutNamingInternals() {
		for (String extensions : new String[] { "{}", "{\"sha256Hash\": \"\"}", "{\"sha256Hash\": 5}" }) {
			post("{\"extensions\": {\"persistedQuery\": " + extensions + "}}", MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("BAD_REQUEST")
				.jsonPath("$.errors[0].message")
				.value(String.class,
						(message) -> assertThat(message).contains("sha256Hash").doesNotContain("PersistedQueryMarker"));
		}
		this.client.get()
			.uri("/graphql?extensions={extensions}", "{\"persistedQuery\": {}}")
			.headers(this::authorized)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"code\":\"BAD_REQUEST\"")
				.doesNotContain("PersistedQueryMarker"));
	}

	@Test
	void answersOperationInvalidOverServerSentEventsWithCodedErrorBeforeAnyStream() {
		post(json("subscription { nope }"), MediaType.TEXT_EVENT_STREAM).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_VALIDATION_FAILED")
			.jsonPath("$.errors[0].message")
			.value(String.class, (message) -> assertThat(message).contains("'nope'"));
	}

	@Test
	void refusesQueryAndMutationOverServerSentEventsBeforeTheyRun() {
		for (String document : new String[] { "{ me { id } }", "mutation { cancelOrder(id: \"o-00005\") { id } }" }) {
			post(json(document), MediaType.TEXT_EVENT_STREAM).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("OPERATION_NOT_ALLOWED_OVER_SSE")
				.jsonPath("$.errors[0].message")
				.value(String.class, (message) -> assertThat(message).contains("Only subscriptions"));
		}
		assertThat(stubs.total()).isZero();
	}

	private WebTestClient.ResponseSpec post(String body, MediaType accept) {
		return this.client.post()
			.uri("/graphql")
			.headers(this::authorized)
			.accept(accept)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private HttpHeaders authorized(HttpHeaders headers) {
		headers.setBearerAuth(this.token);
		return headers;
	}

	private static String json(String document) {
		return "{\"query\": \"" + document.replace("\"", "\\\"") + "\"}";
	}

	private WebSocketGraphQlTester webSocket() {
		return WebSocketGraphQlTester
			.builder(URI.create("ws://127.0.0.1:" + this.port + "/graphql-ws"), new ReactorNettyWebSocketClient())
			.interceptor(new WebSocketGraphQlClientInterceptor() {

				@Override
				public Mono<Object> connectionInitPayload() {
					return Mono.just(Map.of("Authorization", "Bearer " + GraphQlHttpTransportTests.this.token));
				}

			})
			.build();
	}

}
