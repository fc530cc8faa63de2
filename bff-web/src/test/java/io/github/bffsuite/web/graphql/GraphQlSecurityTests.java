package io.github.bffsuite.web.graphql;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication and authorization of /graphql: the starter's JWT checks in front, field
 * authorization and tenant isolation inside.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class GraphQlSecurityTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String ME = "{\"query\":\"{ me { id name } }\"}";

	@LocalServerPort
	int port;

	WebTestClient client;

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
	}

	@Test
	void rejectsRequestWithoutTokenAsProblem() {
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ME)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/unauthenticated");
		assertThat(stubs.total()).isZero();
	}

	@Test
	void rejectsTokenForAnotherAudience() {
		String mobile = keys.token().audience("bff-mobile").claim("scope", GraphQlTestSupport.ALL_SCOPES).build();
		this.client.post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(mobile))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(ME)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(stubs.total()).isZero();
	}

	@Test
	void showsEmailToTheUserAndToAdminsOfTheTenantOnly() {
		String query = "{ user(id: \"u-004\") { id name email } }";
		// bob himself
		GraphQlTestSupport.tester(this.port, GraphQlTestSupport.bob(keys))
			.document(query)
			.execute()
			.path("user.email")
			.entity(String.class)
			.isEqualTo("bob.brown@acme.example");
		// alice, admin of acme
		GraphQlTestSupport.tester(this.port, GraphQlTestSupport.alice(keys))
			.document(query)
			.execute()
			.path("user.email")
			.entity(String.class)
			.isEqualTo("bob.brown@acme.example");
		// bob looking at alice: the rest of the user, no email
		var response = GraphQlTestSupport.tester(this.port, GraphQlTestSupport.bob(keys))
			.document("{ user(id: \"u-001\") { id name email } }")
			.execute();
		response.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
				assertThat(error.getPath()).isEqualTo("user.email");
			}));
		response.path("user.name").entity(String.class).isEqualTo("Alice Anders");
		response.path("user.email").valueIsNull();
	}

	@Test
	void isolatesTenants() {
		// carol (globex admin) cannot see acme's users nor their orders
		var tester = GraphQlTestSupport.tester(this.port, GraphQlTestSupport.carol(keys));
		tester.document("{ user(id: \"u-004\") { id email } }")
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND")));
		tester.document("{ order(id: \"o-00001\") { id } }")
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND")
					.containsEntry("service", "order-service")
					.containsEntry("retryable", false)));
	}

	@Test
	void requiresTheScopeOfEachOperation() {
		String readOnly = GraphQlTestSupport.token(keys, "u-001", "acme", java.util.List.of("user"),
				"users:read orders:read");
		GraphQlTestSupport.tester(this.port, readOnly)
			.document("mutation { cancelOrder(id: \"o-00001\") { id } }")
			.execute()
			.errors()
			.filter((error) -> true)
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
		assertThat(stubs.total()).isZero();
	}

}
