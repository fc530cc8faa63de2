package io.github.bffsuite.edge.grpc.transcoding;

import java.time.Duration;
import java.util.List;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.StubServer;
import io.github.bffsuite.edge.test.TestKeys;
import io.grpc.Deadline;
import io.grpc.Metadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link GrpcTranscodeGatewayFilterFactory} through the running gateway and a
 * real gRPC server on a socket: HTTP rules to methods, JSON to messages and back,
 * statuses to problems, identity and deadline as metadata, streams as SSE and NDJSON.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.grpc.transcoding.max-body-size=2KB" })
class GrpcTranscodeGatewayFilterFactoryTests {

	private static final String DESCRIPTORS = "classpath:META-INF/grpc/bffsuite-product-v1.desc";

	private static final TestKeys keys = new TestKeys();

	private static final JwksServer jwks = new JwksServer(keys);

	private static final TestProductServer grpc = new TestProductServer();

	@LocalServerPort
	private int port;

	private WebTestClient client;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		service(registry, "products", grpc.address(), "10s", "4MB");
		service(registry, "products-hasty", grpc.address(), "300ms", "4MB");
		service(registry, "products-small", grpc.address(), "10s", "64B");
		service(registry, "products-gone", "127.0.0.1:" + StubServer.deadPort(), "10s", "4MB");
		route(registry, 0, "catalog", "products");
		route(registry, 1, "hasty", "products-hasty");
		route(registry, 2, "small", "products-small");
		route(registry, 3, "gone", "products-gone");
	}

	private static void service(DynamicPropertyRegistry registry, String name, String address, String deadline,
			String maxMessageSize) {
		String prefix = "edge.grpc.services." + name + ".";
		registry.add(prefix + "address", () -> address);
		registry.add(prefix + "descriptor-set", () -> DESCRIPTORS);
		registry.add(prefix + "deadline", () -> deadline);
		registry.add(prefix + "max-message-size", () -> maxMessageSize);
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String service) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", () -> "no://op");
		registry.add(prefix + "predicates[0]", () -> "Path=/" + id + "/**");
		registry.add(prefix + "filters[0]", () -> "RewritePath=/" + id + "/(?<rest>.*), /v1/${rest}");
		registry.add(prefix + "filters[1]", () -> "GrpcTranscode=" + service);
	}

	@AfterAll
	static void stopServers() throws InterruptedException {
		grpc.close();
	}

	@BeforeEach
	void bindClient() {
		this.client = GatewayTestFixture.client(this.port);
	}

	@Test
	void answersAPathTemplateWithAVariableWithTheProductInCanonicalJson() {
		get("/catalog/products/p-0001").expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("products/p-0001")
			.jsonPath("$.displayName")
			.isEqualTo("Product p-0001")
			.jsonPath("$.price.currencyCode")
			.isEqualTo("EUR")
			// proto3 JSON: int64 as a string, enums by name
			.jsonPath("$.price.amountMinor")
			.isEqualTo("1999")
			.jsonPath("$.availability")
			.isEqualTo("LOW_STOCK")
			.jsonPath("$.description")
			.doesNotExist();
	}

	@Test
	void sendsTheEdgeIdentityTheRequestIdAndTheDeadlineAsMetadata() {
		String requestId = get("/catalog/products/p-0002").expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Request-ID");
		Metadata headers = grpc.lastHeaders();
		assertThat(headers.get(key("x-user-id"))).isEqualTo("u-001");
		assertThat(headers.get(key("x-tenant-id"))).isEqualTo("acme");
		assertThat(headers.get(key("x-scopes"))).isEqualTo("orders:read users:read");
		assertThat(headers.get(key("x-request-id"))).isNotBlank().isEqualTo(requestId);
		assertThat(headers.get(key("authorization"))).isNull();
		Deadline deadline = grpc.lastDeadline();
		assertThat(deadline).isNotNull();
		assertThat(deadline.timeRemaining(java.util.concurrent.TimeUnit.SECONDS)).isBetween(1L, 10L);
	}

	@Test
	void mapsQueryParametersToFieldsAndNestedFields() {
		get("/catalog/products?category=music&pageSize=2&pageToken=abc&filter.query=lamp"
				+ "&filter.min_availability=IN_STOCK")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.products.length()")
			.isEqualTo(2)
			.jsonPath("$.products[0].category")
			.isEqualTo("music")
			.jsonPath("$.products[0].displayName")
			.isEqualTo("lamp")
			.jsonPath("$.products[0].availability")
			.isEqualTo("IN_STOCK")
			.jsonPath("$.nextPageToken")
			.isEqualTo("abc+");
	}

	@Test
	void mapsTheWholeBodyToTheRequest() {
		post("/catalog/products:search", "{\"filter\":{\"query\":\"kettle\",\"category\":\"kitchen\"},\"pageSize\":3}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.products.length()")
			.isEqualTo(3)
			.jsonPath("$.products[0].category")
			.isEqualTo("kitchen")
			.jsonPath("$.products[0].displayName")
			.isEqualTo("kettle");
	}

	@Test
	void mapsANamedBodyFieldWithPathVariablesAndQueryParameters() {
		post("/catalog/categories/home/products:search?page_size=1",
				"{\"query\":\"lamp\",\"minAvailability\":\"OUT_OF_STOCK\"}")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.products.length()")
			.isEqualTo(1)
			// the path variable {filter.category} wins over the body
			.jsonPath("$.products[0].category")
			.isEqualTo("home")
			.jsonPath("$.products[0].displayName")
			.isEqualTo("lamp")
			.jsonPath("$.products[0].availability")
			.isEqualTo("OUT_OF_STOCK");
	}

	@Test
	void answersBadInputWithA400NamingTheField() {
		expectViolation(post("/catalog/products:search", "{\"filter\": {\"query\": "), "body");
		expectViolation(post("/catalog/products:search", "{\"pageSize\":\"many\"}"), "pageSize");
		expectViolation(post("/catalog/products:search", "{\"filter\":{\"minAvailability\":\"PLENTY\"}}"),
				"filter.minAvailability");
		expectViolation(post("/catalog/products:search", "{\"filter\":{\"colour\":\"red\"}}"), "filter.colour");
		expectViolation(post("/catalog/categories/home/products:search", "{\"query\":{\"text\":\"lamp\"}}"),
				"filter.query");
		expectViolation(get("/catalog/products?pageSize=ten"), "pageSize");
		expectViolation(get("/catalog/products?filter.minAvailability=PLENTY"), "filter.minAvailability");
		expectViolation(get("/catalog/products?colour=red"), "colour");
		expectViolation(post("/small/products:search", "{\"filter\":{\"query\":\"" + "x".repeat(200) + "\"}}"), "body");
	}

	@Test
	void answersABodyOverTheLimitWith413() {
		post("/catalog/products:search", "{\"filter\":{\"query\":\"" + "x".repeat(4096) + "\"}}").expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/payload-too-large");
	}

	@Test
	void answersAPathOrMethodWithoutARuleWith404Or405() {
		get("/catalog/orders/o-1").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found");
		this.client.delete()
			.uri("/catalog/products/p-0001")
			.headers((headers) -> headers.setBearerAuth(keys.token().build()))
			.exchange()
			.expectStatus()
			.isEqualTo(405);
	}

	@Test
	void mapsGrpcStatusesToProblemsWithTheirDetails() {
		get("/catalog/products/p-0404").expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.detail")
			.isEqualTo("Product products/p-0404 not found")
			.jsonPath("$.grpcStatus")
			.isEqualTo("NOT_FOUND")
			.jsonPath("$.resource.name")
			.isEqualTo("products/p-0404")
			.jsonPath("$.requestId")
			.isNotEmpty();
		expectViolation(get("/catalog/products/p-0400"), "name");
		get("/catalog/products/p-0429").expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals(HttpHeaders.RETRY_AFTER, "3");
		get("/catalog/products/p-0503").expectStatus().isEqualTo(503);
	}

	@Test
	void answersAServerFailureWith502AndRepeatsNothingOfIt() {
		String body = get("/catalog/products/p-0500").expectStatus()
			.isEqualTo(502)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("https://bff-suite.dev/problems/bad-gateway", "\"grpcStatus\":\"INTERNAL\"")
			.doesNotContain("NullPointerException", "com.example");
	}

	@Test
	void answersAnUnreachableServiceWith503AndAMissedDeadlineWith504() {
		get("/gone/products/p-0001").expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/service-unavailable");
		get("/hasty/products/p-slow").expectStatus()
			.isEqualTo(504)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/gateway-timeout");
	}

	@Test
	void refusesAnonymousCallersBeforeAnyCall() {
		this.client.get().uri("/catalog/products/p-0001").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void streamsServerStreamingCallsAsServerSentEvents() {
		String body = get("/catalog/products/p-0001:watchPrices?maxChanges=3").expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("id: 1\ndata: {\"name\":\"products/p-0001\",\"sequence\":\"1\"")
			.contains("id: 3\ndata: ")
			.doesNotContain("id: 4");
	}

	@Test
	void streamsAsNdjsonWhenAsked() {
		String body = this.client.get()
			.uri("/catalog/products/p-0001:watchPrices?maxChanges=2")
			.headers((headers) -> headers.setBearerAuth(keys.token().build()))
			.accept(MediaType.APPLICATION_NDJSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body.split("\n")).hasSize(2)
			.allSatisfy((line) -> assertThat(line).startsWith("{\"name\":\"products/p-0001\""));
	}

	@Test
	void endsAStreamWithAnErrorEventOrAnswersAProblemBeforeTheFirstMessage() {
		String body = get("/catalog/products/p-0500:watchPrices?maxChanges=1").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("id: 2\nevent: error\ndata: {\"type\":\"https://bff-suite.dev/problems/bad-gateway\"")
			.doesNotContain("disk on fire");
		get("/catalog/products/p-0404:watchPrices").expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void cancelsTheCallWhenTheClientGoesAway() {
		List<String> first = this.client.get()
			.uri("/catalog/products/p-0007:watchPrices")
			.headers((headers) -> headers.setBearerAuth(keys.token().build()))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.take(2)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(first).hasSize(2);
		await().atMost(Duration.ofSeconds(30)).until(grpc::lastStreamCancelled);
	}

	private WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).headers((headers) -> headers.setBearerAuth(keys.token().build())).exchange();
	}

	private WebTestClient.ResponseSpec post(String uri, String json) {
		return this.client.post()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(keys.token().build()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	private static void expectViolation(WebTestClient.ResponseSpec response, String field) {
		response.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed")
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.requestId")
			.isNotEmpty();
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

}
