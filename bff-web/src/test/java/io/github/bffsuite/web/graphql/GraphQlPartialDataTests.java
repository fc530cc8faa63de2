package io.github.bffsuite.web.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing service costs only the fields it feeds: the rest of the response comes back,
 * and each error says what failed, in which service, and whether a retry may help,
 * without leaking addresses, stack traces or exception classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.downstream.services.product-service.response-timeout=300ms",
				"edge.downstream.services.product-service.retry.max-attempts=2" })
class GraphQlPartialDataTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String PAGE = """
			{
			  me { name }
			  orders(first: 5) { edges { node { id status items { quantity product { name } } } } }
			}
			""";

	@LocalServerPort
	int port;

	@Autowired
	EdgeDownstreamClients downstreams;

	HttpGraphQlTester alice;

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
		this.downstreams.circuitBreakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.alice = GraphQlTestSupport.tester(this.port, GraphQlTestSupport.alice(keys));
	}

	@Test
	void returnsOrdersWithoutProductsWhenProductServiceIsDown() {
		stubs.products.down();
		GraphQlTester.Response response = this.alice.document(PAGE).execute();
		List<ResponseError> errors = errors(response);
		assertThat(errors).isNotEmpty().allSatisfy((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "DOWNSTREAM_UNAVAILABLE")
				.containsEntry("service", "product-service")
				.containsEntry("retryable", true);
			assertThat(error.getPath()).matches("orders\\.edges\\[\\d+\\]\\.node\\.items\\[\\d+\\]\\.product");
		});
		assertNoLeaks(errors);
		response.path("me.name").entity(String.class).isEqualTo("Alice Anders");
		response.path("orders.edges[*].node.id").entityList(String.class).hasSize(5);
		response.path("orders.edges[0].node.items[0].quantity").entity(Integer.class).isEqualTo(1);
		response.path("orders.edges[0].node.items[0].product").valueIsNull();
	}

	@Test
	void returnsOrdersWithoutProductsWhenProductServiceIsSlow() {
		stubs.products.delay = Duration.ofMillis(1500);
		long start = System.nanoTime();
		GraphQlTester.Response response = this.alice.document(PAGE).execute();
		List<ResponseError> errors = errors(response);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
		assertThat(errors).isNotEmpty()
			.allSatisfy((error) -> assertThat(error.getExtensions()).containsEntry("code", "DOWNSTREAM_TIMEOUT")
				.containsEntry("service", "product-service")
				.containsEntry("retryable", true));
		assertNoLeaks(errors);
		response.path("orders.edges[*].node.status").entityList(String.class).hasSize(5);
	}

	@Test
	void mapsAServerErrorOfAServiceToACodeNotToA500() {
		stubs.orders.failWith = 500;
		GraphQlTester.Response response = this.alice.document(PAGE).execute();
		List<ResponseError> errors = errors(response);
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "DOWNSTREAM_ERROR")
				.containsEntry("service", "order-service");
			assertThat(error.getPath()).isEqualTo("orders");
		});
		assertNoLeaks(errors);
		response.path("me.name").entity(String.class).isEqualTo("Alice Anders");
		response.path("orders").valueIsNull();
	}

	@Test
	void mapsEachRestStatusOfAServiceToAStableCode() {
		Map<Integer, String> codes = Map.of(404, "NOT_FOUND", 403, "FORBIDDEN", 409, "CONFLICT", 429, "RATE_LIMITED",
				401, "UNAUTHENTICATED", 503, "DOWNSTREAM_UNAVAILABLE");
		codes.forEach((status, code) -> {
			stubs.orders.failWith = status;
			this.downstreams.circuitBreakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
			List<ResponseError> errors = errors(this.alice.document("{ order(id: \"o-00001\") { id } }").execute());
			assertThat(errors).as("status %d", status)
				.singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", code)
					.containsEntry("service", "order-service"));
			assertNoLeaks(errors);
		});
	}

	private static List<ResponseError> errors(GraphQlTester.Response response) {
		List<ResponseError>[] captured = new List[1];
		response.errors().filter((error) -> true).satisfy((errors) -> captured[0] = errors);
		return captured[0];
	}

	private void assertNoLeaks(List<ResponseError> errors) {
		for (ResponseError error : errors) {
			String text = error.getMessage() + " " + error.getExtensions();
			assertThat(text).doesNotContain("127.0.0.1")
				.doesNotContain("http://")
				.doesNotContain("Exception")
				.doesNotContain("/internal/")
				.doesNotContain("\tat ")
				.doesNotContain(String.valueOf(stubs.products.url().substring(17)));
		}
	}

}
