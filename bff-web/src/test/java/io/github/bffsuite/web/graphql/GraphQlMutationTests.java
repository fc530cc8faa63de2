package io.github.bffsuite.web.graphql;

import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code placeOrder} and {@code cancelOrder} through the running gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class GraphQlMutationTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String PLACE = """
			mutation Place($input: PlaceOrderInput!) {
			  placeOrder(input: $input) { id status total { amount currency } items { quantity product { id name } } }
			}
			""";

	@LocalServerPort
	int port;

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
		this.alice = GraphQlTestSupport.tester(this.port, GraphQlTestSupport.alice(keys));
	}

	@Test
	void placesAnOrderOnceWhateverHowOftenTheClientRetries() {
		Map<String, Object> input = Map.of("idempotencyKey", "checkout-7f3a9c", "items",
				List.of(Map.of("productId", "p-0002", "quantity", 2), Map.of("productId", "p-0003", "quantity", 1)));
		var first = this.alice.document(PLACE).variable("input", input).execute();
		String id = first.path("placeOrder.id").entity(String.class).get();
		first.path("placeOrder.status").entity(String.class).isEqualTo("PENDING");
		first.path("placeOrder.items[0].product.id").entity(String.class).isEqualTo("p-0002");
		first.path("placeOrder.total.currency").entity(String.class).isEqualTo("EUR");
		String retried = this.alice.document(PLACE)
			.variable("input", input)
			.execute()
			.path("placeOrder.id")
			.entity(String.class)
			.get();
		assertThat(retried).isEqualTo(id);
		List<SampleServiceStubs.Received> posts = stubs.orders.received()
			.stream()
			.filter((received) -> received.method().equals("POST"))
			.toList();
		assertThat(posts).hasSize(2)
			.allSatisfy((post) -> assertThat(post.headers()).containsEntry("idempotency-key", "checkout-7f3a9c"));
		assertThat(this.alice.document("{ orders(status: PENDING, first: 100) { edges { node { id } } } }")
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.get()).containsOnlyOnce(id);
	}

	@Test
	void namesEveryInvalidFieldWithoutCallingTheService() {
		Map<String, Object> input = Map.of("idempotencyKey", "not a key!", "items",
				List.of(Map.of("productId", "p-0002", "quantity", 0), Map.of("productId", "shoe", "quantity", 1)));
		List<ResponseError> errors = errors(this.alice.document(PLACE).variable("input", input).execute());
		assertThat(errors)
			.allSatisfy((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
				.containsEntry("retryable", false));
		assertThat(errors).extracting((error) -> error.getExtensions().get("field"))
			.containsExactlyInAnyOrder("input.idempotencyKey", "input.items[0].quantity", "input.items[1].productId");
		assertThat(stubs.total()).isZero();
	}

	@Test
	void reportsProductsTheServiceDoesNotKnowAsBadInput() {
		Map<String, Object> input = Map.of("idempotencyKey", "checkout-unknown", "items",
				List.of(Map.of("productId", "p-9999", "quantity", 1)));
		List<ResponseError> errors = errors(this.alice.document(PLACE).variable("input", input).execute());
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
				.containsEntry("service", "order-service");
			assertThat(error.getMessage()).contains("p-9999");
		});
	}

	@Test
	void cancelsAPendingOrderAndRefusesToCancelItTwice() {
		String cancel = "mutation { cancelOrder(id: \"o-00010\") { id status } }";
		this.alice.document(cancel).execute().path("cancelOrder.status").entity(String.class).isEqualTo("CANCELLED");
		List<ResponseError> errors = errors(this.alice.document(cancel).execute());
		assertThat(errors).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "CONFLICT")
				.containsEntry("service", "order-service"));
		// bob cannot cancel alice's order
		assertThat(errors(GraphQlTestSupport.tester(this.port, GraphQlTestSupport.bob(keys))
			.document("mutation { cancelOrder(id: \"o-00015\") { id } }")
			.execute())).singleElement()
			.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND"));
	}

	@SuppressWarnings("unchecked")
	static List<ResponseError> errors(org.springframework.graphql.test.tester.GraphQlTester.Response response) {
		List<ResponseError>[] captured = new List[1];
		response.errors().filter((error) -> true).satisfy((errors) -> captured[0] = errors);
		return captured[0];
	}

}
