package io.github.bffsuite.web.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.ResponseError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One rule for a user's e-mail (UserVisibility: that user and admins of their tenant) on
 * both paths that hand users out: the GraphQL {@code User.email} field and the
 * {@code /api/users/**} pass-through, through the running gateway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class UserVisibilityTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final Map<String, String> EMAILS = Map.of("u-001", "alice.anders@acme.example", "u-004",
			"bob.brown@acme.example", "u-002", "carol.chen@globex.example", "u-005", "dave.diaz@globex.example");

	static final ParameterizedTypeReference<Map<String, Object>> USER = new ParameterizedTypeReference<>() {
	};

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

	static String dave() {
		return GraphQlTestSupport.token(keys, "u-005", "globex", List.of("user"), GraphQlTestSupport.ALL_SCOPES);
	}

	@Test
	void showsAnEmailOnBothPathsOnlyToThatUserAndToAdminsOfTheirTenant() {
		String alice = GraphQlTestSupport.alice(keys);
		String bob = GraphQlTestSupport.bob(keys);
		String carol = GraphQlTestSupport.carol(keys);
		String dave = dave();
		// caller, user shown, whether the e-mail is visible
		Object[][] cases = { { bob, "u-004", true }, { bob, "u-001", false }, { alice, "u-004", true },
				{ alice, "u-001", true }, { dave, "u-002", false }, { carol, "u-005", true } };
		for (Object[] each : cases) {
			String token = (String) each[0];
			String userId = (String) each[1];
			String expected = ((boolean) each[2]) ? EMAILS.get(userId) : null;
			assertThat(graphQlEmail(token, userId)).as("GraphQL user(id: %s)", userId).isEqualTo(expected);
			assertThat(restEmail(token, "/api/users/" + userId)).as("/api/users/%s", userId).isEqualTo(expected);
		}
	}

	@Test
	void appliesTheRuleToEachUserOfABatch() {
		List<Map<String, Object>> users = this.client.get()
			.uri("/api/users?ids=u-001,u-004")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.bob(keys)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(UsersBody.class)
			.returnResult()
			.getResponseBody()
			.users();
		assertThat(users).extracting((user) -> user.get("id")).containsExactly("u-001", "u-004");
		assertThat(users.get(0)).doesNotContainKey("email")
			.containsEntry("name", "Alice Anders")
			.containsEntry("roles", List.of("admin", "user"));
		assertThat(users.get(1)).containsEntry("email", "bob.brown@acme.example");
		assertThat(restEmail(GraphQlTestSupport.bob(keys), "/api/users/me")).isEqualTo("bob.brown@acme.example");
	}

	@Test
	void asksForAnAnswerItCanReadAndPassesTheServicesProblemsOn() {
		assertThat(this.client.get()
			.uri("/api/users/u-001")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.bob(keys)))
			.header(HttpHeaders.ACCEPT_ENCODING, "gzip, br, zstd")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(USER)
			.returnResult()
			.getResponseBody()).doesNotContainKey("email");
		assertThat(stubs.users.received()).singleElement()
			.satisfies((received) -> assertThat(received.headers()).doesNotContainKey("accept-encoding"));
		this.client.get()
			.uri("/api/users/u-999")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.bob(keys)))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.detail")
			.isEqualTo("User was not found");
	}

	@Test
	void refusesToPassOnAnAnswerItCannotCheck() {
		String alicesEmail = EMAILS.get("u-001");
		for (Map<String, String> headers : List.of(Map.of("Content-Type", "text/html"),
				Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"))) {
			stubs.users.fixedAnswer = new SampleServiceStubs.FixedAnswer(headers,
					"{\"id\":\"u-001\",\"tenantId\":\"acme\",\"email\":\"" + alicesEmail + "\"}");
			String body = this.client.get()
				.uri("/api/users/u-001")
				.headers((h) -> h.setBearerAuth(GraphQlTestSupport.bob(keys)))
				.exchange()
				.expectStatus()
				.isEqualTo(502)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(body).contains("https://bff-suite.dev/problems/bad-gateway").doesNotContain(alicesEmail);
		}
	}

	private @Nullable String graphQlEmail(String token, String userId) {
		var response = GraphQlTestSupport.tester(this.port, token)
			.document("query($id: ID!) { user(id: $id) { id name email } }")
			.variable("id", userId)
			.execute();
		List<ResponseError> errors = new ArrayList<>();
		response.errors().filter((error) -> true).satisfy(errors::addAll);
		response.path("user.id").entity(String.class).isEqualTo(userId);
		if (errors.isEmpty()) {
			return response.path("user.email").entity(String.class).get();
		}
		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN");
			assertThat(error.getPath()).isEqualTo("user.email");
		});
		response.path("user.email").valueIsNull();
		return null;
	}

	private @Nullable String restEmail(String token, String uri) {
		Map<String, Object> user = this.client.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(USER)
			.returnResult()
			.getResponseBody();
		assertThat(user).containsKeys("id", "name", "roles");
		return (String) user.get("email");
	}

	record UsersBody(List<Map<String, Object>> users) {

	}

}
