package io.github.bffsuite.web.graphql;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries through the running gateway: real signed tokens, real HTTP to stubbed services
 * that count every call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class GraphQlQueryTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String ORDERS_PAGE = """
			query Orders($first: Int, $after: String) {
			  me { id name email }
			  orders(first: $first, after: $after) {
			    edges { cursor node { id status total { amount currency } user { id name }
			      items { productId quantity unitPrice { amount currency } product { id name price { amount currency } } } } }
			    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
			  }
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
	void pageOfTwentyOrdersWithProductsAndUsersCostsThreeCalls() {
		var response = this.alice.document(ORDERS_PAGE).variable("first", 20).execute();
		response.errors().verify();
		List<Map<String, Object>> edges = response.path("orders.edges").entityList(MAP).get();
		assertThat(edges).hasSize(20);
		response.path("me.name").entity(String.class).isEqualTo("Alice Anders");
		response.path("orders.edges[0].node.user.id").entity(String.class).isEqualTo("u-001");
		response.path("orders.edges[*].node.items[*].product.name")
			.entityList(String.class)
			.satisfies((names) -> assertThat(names).hasSizeGreaterThan(20)
				.allMatch((name) -> name.startsWith("Product ")));
		assertThat(stubs.orders.uris()).containsExactly("/orders?limit=20");
		assertThat(stubs.products.uris()).singleElement()
			.satisfies((uri) -> assertThat(uri).startsWith("/products?ids="));
		assertThat(stubs.users.uris()).containsExactly("/users?ids=u-001");
		assertThat(stubs.total()).isEqualTo(3);
	}

	@Test
	void asksForEachProductOnceInBatchesTheServiceAccepts() {
		this.alice.document(ORDERS_PAGE).variable("first", 60).execute().errors().verify();
		List<String> ids = stubs.products.uris()
			.stream()
			// the declared client encodes the commas of the id list (%2C), as a query
			// value
			.map((uri) -> URLDecoder.decode(uri, StandardCharsets.UTF_8))
			.flatMap((uri) -> Arrays.stream(uri.substring(uri.indexOf("ids=") + 4).split(",")))
			.toList();
		assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(100);
		// at most 100 ids per call, as product-service requires
		assertThat(stubs.products.uris()).hasSize((ids.size() + 99) / 100);
		assertThat(stubs.orders.uris()).hasSize(1);
	}

	@Test
	void sendsIdenticalCallsOfOneRequestOnce() {
		this.alice.document("""
				{
				  a: order(id: "o-00001") { id }
				  b: order(id: "o-00001") { status }
				  p1: products(category: "books", first: 5) { edges { node { id } } }
				  p2: products(category: "books", first: 5) { edges { node { name } } }
				  r1: recommendations(first: 3) { id }
				  r2: recommendations(first: 3) { name }
				}
				""").execute().errors().verify();
		assertThat(stubs.orders.uris()).containsExactly("/orders/o-00001");
		assertThat(stubs.products.uris()).hasSize(2);
		// a new request asks again: nothing is shared between requests
		this.alice.document("{ order(id: \"o-00001\") { id } }").execute().errors().verify();
		assertThat(stubs.orders.uris()).hasSize(2);
	}

	@Test
	void sendsSearchWordsToProductServiceAsTyped() {
		for (String words : List.of("Camera+Bag", "50% off & more #1")) {
			stubs.clear();
			this.alice.document("query($q: String) { products(query: $q, category: \"books\") { edges { cursor } } }")
				.variable("q", words)
				.execute()
				.errors()
				.verify();
			assertThat(stubs.products.uris()).singleElement().satisfies((uri) -> {
				assertThat(new QueryStringDecoder(uri).parameters()).containsEntry("q", List.of(words))
					.containsEntry("category", List.of("books"));
				assertThat(uri).doesNotContain("+").doesNotContain(" ");
			});
		}
		assertThat(stubs.products.uris().get(0))
			.isEqualTo("/products?category=books&q=50%25%20off%20%26%20more%20%231&limit=20");
	}

	@Test
	void refusesArgumentsNoServiceCouldAnswerAsBadUserInput() {
		String tooLong = "u".repeat(10_000);
		Map<String, String> documents = new LinkedHashMap<>();
		documents.put("query($v: ID!) { user(id: $v) { id } }", "id");
		documents.put("query($v: ID!) { order(id: $v) { id } }", "id");
		documents.put("query($v: ID!) { product(id: $v) { id } }", "id");
		documents.put("mutation($v: ID!) { cancelOrder(id: $v) { id } }", "id");
		documents.put("query($v: String) { products(query: $v) { edges { cursor } } }", "query");
		documents.put("query($v: String) { products(category: $v) { edges { cursor } } }", "category");
		documents.put("query($v: String) { orders(after: $v) { edges { cursor } } }", "after");
		documents.forEach((document, field) -> this.alice.document(document)
			.variable("v", tooLong)
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).as(document).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", field)
					.containsEntry("classification", "BAD_REQUEST");
				assertThat(error.getMessage()).doesNotContain(tooLong.substring(0, 200));
			})));
		assertThat(stubs.total()).isZero();
	}

	@Test
	void keepsAMalformedIdOutOfTheBatchOfTheOthers() {
		var response = this.alice.document("""
				{
				  a: user(id: "u-004") { name }
				  b: user(id: "bob") { name }
				  p: product(id: "p-0001") { name }
				  q: product(id: "p-1") { name }
				}
				""").execute();
		response.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors)
				.extracting((error) -> error.getPath() + " " + error.getExtensions().get("code"))
				.containsExactlyInAnyOrder("b BAD_USER_INPUT", "q BAD_USER_INPUT"));
		response.path("a.name").entity(String.class).isEqualTo("Bob Brown");
		response.path("p.name").entity(String.class).isEqualTo("Product 1");
		assertThat(stubs.users.uris()).containsExactly("/users?ids=u-004");
		assertThat(stubs.products.uris()).containsExactly("/products?ids=p-0001");
	}

	@Test
	void pagesThroughOrdersWithCursors() {
		var first = this.alice.document(ORDERS_PAGE).variable("first", 25).execute();
		List<String> firstIds = first.path("orders.edges[*].node.id").entityList(String.class).get();
		first.path("orders.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		first.path("orders.pageInfo.hasPreviousPage").entity(Boolean.class).isEqualTo(false);
		String end = first.path("orders.pageInfo.endCursor").entity(String.class).get();
		List<String> secondIds = this.alice.document(ORDERS_PAGE)
			.variable("first", 25)
			.variable("after", end)
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(secondIds).hasSize(25).doesNotContainAnyElementsOf(firstIds);
		assertThat(secondIds.get(0).compareTo(firstIds.get(24))).isNegative();
		// resuming after any edge, not only the last one
		String fifth = first.path("orders.edges[4].cursor").entity(String.class).get();
		List<String> fromFifth = this.alice.document(ORDERS_PAGE)
			.variable("first", 3)
			.variable("after", fifth)
			.execute()
			.path("orders.edges[*].node.id")
			.entityList(String.class)
			.get();
		assertThat(fromFifth).containsExactlyElementsOf(firstIds.subList(5, 8));
	}

	@Test
	void rejectsCursorItDidNotIssueAndPageSizeOutOfRange() {
		this.alice.document("{ orders(first: 500) { edges { cursor } } }")
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", "first");
			}));
		this.alice.document("{ orders(after: \"bm9wZQ\") { edges { cursor } } }")
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("field", "after")));
		assertThat(stubs.total()).isZero();
	}

	@Test
	void sendsIdentityAndRequestIdToEachService() {
		GraphQlTestSupport.tester(this.port, GraphQlTestSupport.alice(keys))
			.mutate()
			.header("X-Request-ID", "req-graphql-0001")
			.header("X-User-ID", "u-004")
			.build()
			.document(ORDERS_PAGE)
			.execute()
			.errors()
			.filter((error) -> true)
			.verify();
		for (SampleServiceStubs.Service service : List.of(stubs.users, stubs.orders, stubs.products)) {
			assertThat(service.received()).allSatisfy((received) -> {
				assertThat(received.headers()).containsEntry("x-user-id", "u-001")
					.containsEntry("x-tenant-id", "acme")
					.containsEntry("x-request-id", "req-graphql-0001");
			});
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static final Class<Map<String, Object>> MAP = (Class) Map.class;

}
