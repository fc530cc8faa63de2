package io.github.bffsuite.edge.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardrails in enforce mode through a running application over real HTTP with real
 * JWTs: one test per OWASP GraphQL cheat sheet attack class, each refused with its code
 * and counted, plus parser limits, GET, persisted queries, trusted documents, the cost
 * extension and header, and the cost charged to the caller's rate limit bucket.
 */
class EdgeGraphQlGuardrailsTests {

	static GraphQlTestApp app;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.graphql.schema.introspection.enabled", "false");
		properties.put("edge.graphql.limits.document-size.max", "2KB");
		properties.put("edge.graphql.limits.depth.max", "5");
		properties.put("edge.graphql.limits.aliases.max", "5");
		properties.put("edge.graphql.limits.root-fields.max", "5");
		properties.put("edge.graphql.limits.directives.max", "5");
		properties.put("edge.graphql.limits.fields.max", "50");
		properties.put("edge.graphql.limits.cost.max", "500");
		properties.put("edge.graphql.limits.fragments.max", "5");
		properties.put("edge.graphql.limits.fragment-depth.max", "3");
		properties.put("edge.graphql.limits.unused-definitions.max", "2");
		properties.put("edge.graphql.limits.skip-trusted-documents", "true");
		properties.put("edge.graphql.parser.max-tokens", "500");
		properties.put("edge.rate-limit.policies.graphql-cost.capacity", "400");
		properties.put("edge.rate-limit.policies.graphql-cost.refill-tokens", "1");
		properties.put("edge.rate-limit.policies.graphql-cost.refill-period", "1h");
		properties.put("edge.rate-limit.policies.graphql-cost.key", "user");
		app = GraphQlTestApp.start(properties);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	static String newUser() {
		return "u-" + UUID.randomUUID();
	}

	static WebTestClient.ResponseSpec post(String user, Object body) {
		return app.post(user, body);
	}

	static WebTestClient.ResponseSpec query(String query) {
		return post(newUser(), Map.of("query", query));
	}

	static void refused(String query, HttpStatus status, String code) {
		String reason = GraphQlRejection.valueOf(code).reason();
		double before = app.count(GraphQlGuardrailMetrics.REJECTIONS, reason);
		query(query).expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaTypes.APPLICATION_GRAPHQL_RESPONSE)
			.expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo(code)
			.jsonPath("$.errors[0].message")
			.isNotEmpty();
		assertThat(app.count(GraphQlGuardrailMetrics.REJECTIONS, reason)).isEqualTo(before + 1);
	}

	static String repeat(String part, int times) {
		return String.join(" ", java.util.Collections.nCopies(times, part));
	}

	@Test
	void runsAnOrdinaryQueryWithItsCostInAnExtensionAndAHeader() {
		query("{ me { id name } }").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("X-GraphQL-Cost", "3")
			.expectBody()
			.jsonPath("$.data.me.id")
			.isEqualTo("u1")
			.jsonPath("$.extensions.cost")
			.isEqualTo(3);
	}

	@Test
	void runsAQueryThroughHttpGraphQlTester() {
		HttpGraphQlTester tester = HttpGraphQlTester.builder(app.client().mutate().baseUrl(app.url() + "/graphql"))
			.headers((headers) -> headers.setBearerAuth(GraphQlTestApp.token(newUser())))
			.build();
		tester.document("{ products(first: 3) { id } }")
			.execute()
			.path("products[*].id")
			.entityList(String.class)
			.containsExactly("p0", "p1", "p2");
	}

	@Test
	void refusesAliasOverloading() {
		refused("{ me { " + repeat("a: id", 1).replace("a:", "a0:") + " a1: id a2: id a3: id a4: id a5: id a6: id } }",
				HttpStatus.BAD_REQUEST, "MAX_ALIASES_EXCEEDED");
	}

	@Test
	void refusesFieldDuplication() {
		refused("{ me { " + repeat("id", 60) + " } }", HttpStatus.BAD_REQUEST, "MAX_FIELDS_EXCEEDED");
	}

	@Test
	void refusesDirectiveOverloading() {
		refused("{ me { id " + repeat("@include(if: true)", 8) + " } }", HttpStatus.BAD_REQUEST,
				"MAX_DIRECTIVES_EXCEEDED");
	}

	@Test
	void refusesDeepNesting() {
		refused("{ me { " + repeat("friends {", 7) + " id " + repeat("}", 7) + " } }", HttpStatus.BAD_REQUEST,
				"MAX_DEPTH_EXCEEDED");
	}

	@Test
	void refusesCircularFragments() {
		refused("{ me { ...A } } fragment A on User { friends { ...B } } fragment B on User { id ...A }",
				HttpStatus.BAD_REQUEST, "CIRCULAR_FRAGMENTS");
	}

	@Test
	void refusesTooManyFragments() {
		StringBuilder document = new StringBuilder("{ me { ...F0 ...F1 ...F2 ...F3 ...F4 ...F5 } }");
		for (int i = 0; i < 6; i++) {
			document.append(" fragment F").append(i).append(" on User { id }");
		}
		refused(document.toString(), HttpStatus.BAD_REQUEST, "MAX_FRAGMENTS_EXCEEDED");
	}

	@Test
	void refusesLongChainsOfFragmentSpreads() {
		refused("{ me { ...F0 } } fragment F0 on User { ...F1 } fragment F1 on User { ...F2 }"
				+ " fragment F2 on User { ...F3 } fragment F3 on User { id }", HttpStatus.BAD_REQUEST,
				"MAX_FRAGMENT_DEPTH_EXCEEDED");
	}

	@Test
	void refusesTooManyDefinitionsTheOperationDoesNotUse() {
		double before = app.count(GraphQlGuardrailMetrics.REJECTIONS, "max-unused-definitions-exceeded");
		post(newUser(),
				Map.of("query",
						"query A { me { id } } query B { me { id } } query C { me { id } } "
								+ "query D { me { ...F } } fragment F on User { name }",
						"operationName", "A"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("MAX_UNUSED_DEFINITIONS_EXCEEDED");
		assertThat(app.count(GraphQlGuardrailMetrics.REJECTIONS, "max-unused-definitions-exceeded"))
			.isEqualTo(before + 1);
	}

	@Test
	void refusesTheAuditsChainOfSixHundredFragmentsAtOnce() {
		StringBuilder document = new StringBuilder("{ me { ...F0 } }");
		for (int i = 0; i < 600; i++) {
			document.append(" fragment F").append(i).append(" on User { id ...F").append(i + 1).append(" }");
		}
		app.post(newUser(), Map.of("query", document.toString()))
			.expectStatus()
			.value((status) -> assertThat(status).isIn(400, 413))
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.value(String.class, (code) -> assertThat(code).isIn("MAX_FRAGMENTS_EXCEEDED", "DOCUMENT_TOO_LARGE",
					"MAX_TOKENS_EXCEEDED", "MAX_FRAGMENT_DEPTH_EXCEEDED", "MAX_FIELDS_EXCEEDED"));
	}

	@Test
	void refusesTooManyRootFields() {
		refused("{ a: me { id } b: me { id } c: me { id } d: me { id } e: me { id } f: me { id } }".replace("a: ", "")
			.replace("b: ", "")
			.replace("c: ", ""), HttpStatus.BAD_REQUEST, "MAX_ROOT_FIELDS_EXCEEDED");
	}

	@Test
	void refusesAnExpensiveQuery() {
		refused("{ orders(first: 50) { id items { id product { name } } } }", HttpStatus.BAD_REQUEST,
				"COST_LIMIT_EXCEEDED");
	}

	@Test
	void refusesAnOversizedDocument() {
		refused("{ me { id } } # " + "x".repeat(2100), HttpStatus.CONTENT_TOO_LARGE, "DOCUMENT_TOO_LARGE");
	}

	@Test
	void refusesADocumentWithTooManyTokens() {
		refused("{ me { " + repeat("id", 20) + " } } query Q { " + repeat("me", 500) + " }", HttpStatus.BAD_REQUEST,
				"MAX_TOKENS_EXCEEDED");
	}

	@Test
	void refusesIntrospectionWhenItIsOff() {
		refused("{ __schema { types { name } } }", HttpStatus.BAD_REQUEST, "INTROSPECTION_DISABLED");
		refused("{ __type(name: \"User\") { name } }", HttpStatus.BAD_REQUEST, "INTROSPECTION_DISABLED");
		query("{ me { __typename } }").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.me.__typename")
			.isEqualTo("User");
	}

	@Test
	void suggestsNoFieldNamesWhenIntrospectionIsOff() {
		query("{ me { nam } }").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_VALIDATION_FAILED")
			.jsonPath("$.errors[0].message")
			.value(String.class,
					(message) -> assertThat(message).doesNotContainIgnoringCase("did you mean").doesNotContain("name"));
	}

	@Test
	void refusesBatchedOperations() {
		double before = app.count(GraphQlGuardrailMetrics.REJECTIONS, "batching-not-supported");
		post(newUser(), List.of(Map.of("query", "{ me { id } }"), Map.of("query", "{ me { name } }"))).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BATCHING_NOT_SUPPORTED");
		assertThat(app.count(GraphQlGuardrailMetrics.REJECTIONS, "batching-not-supported")).isEqualTo(before + 1);
	}

	@Test
	void answersSyntaxErrorsWith400AndACodeOrWith200ForLegacyJson() {
		query("{ me { id }").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_PARSE_FAILED");
		app.client()
			.post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestApp.token(newUser())))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { id }"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("GRAPHQL_PARSE_FAILED");
	}

	@Test
	void requiresAToken() {
		app.client()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { id } }"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	static WebTestClient.ResponseSpec get(String user, Map<String, String> parameters) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/graphql");
		parameters.forEach((name, value) -> uri.queryParam(name, "{" + name + "}"));
		String template = uri.build().toUriString();
		return app.client()
			.get()
			.uri(template, parameters)
			.headers((headers) -> headers.setBearerAuth(GraphQlTestApp.token(user)))
			.exchange();
	}

	@Test
	void runsAQuerySentWithGet() {
		get(newUser(), Map.of("query", "query Top($n: Int) { products(first: $n) { id } }", "variables", "{\"n\": 2}"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.products.length()")
			.isEqualTo(2);
	}

	@Test
	void refusesAMutationSentWithGet() {
		get(newUser(), Map.of("query", "mutation { rename(name: \"x\") { id } }")).expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST")
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("OPERATION_NOT_ALLOWED_OVER_GET");
		post(newUser(), Map.of("query", "mutation { rename(name: \"x\") { id } }")).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.rename.id")
			.isEqualTo("x");
	}

	static Map<String, Object> persisted(String hash) {
		return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
	}

	@Test
	void registersAndRunsAnAutomaticPersistedQuery() {
		String user = newUser();
		String query = "{ products(first: 1) { id name } } # " + UUID.randomUUID();
		String hash = TrustedDocuments.sha256(query);
		post(user, Map.of("extensions", persisted(hash))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_NOT_FOUND");
		post(user, Map.of("query", query, "extensions", persisted(hash))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.products[0].id")
			.isEqualTo("p0");
		get(user, Map.of("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}"))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.products[0].name")
			.isEqualTo("Product p0");
	}

	@Test
	void refusesADocumentWhoseHashDoesNotMatch() {
		post(newUser(),
				Map.of("query", "{ me { id } }", "extensions", persisted(TrustedDocuments.sha256("{ me { name } }"))))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("PERSISTED_QUERY_HASH_MISMATCH");
	}

	@Test
	void runsATrustedDocumentByHashWithoutItsLimits() throws Exception {
		String deep = new ClassPathResource("graphql-test/trusted/deep.graphql")
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		post(newUser(), Map.of("extensions", persisted(TrustedDocuments.sha256(deep)))).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.me.friends[0].friends[0].friends[0].friends[0].id")
			.isEqualTo("f0");
		query(deep.replace("TrustedDeep", "FreeFormDeep")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("MAX_DEPTH_EXCEEDED");
	}

	@Test
	void chargesTheCostToTheCallersBucketSoAHeavyQueryEmptiesItFaster() {
		String heavy = "{ orders(first: 5) { id items { id product { name } } } }";
		String light = "{ me { id } }";
		String heavyUser = newUser();
		int heavyAllowed = 0;
		for (int i = 0; i < 10; i++) {
			var result = post(heavyUser, Map.of("query", heavy)).returnResult(String.class);
			if (result.getStatus().value() != 200) {
				assertThat(result.getStatus().value()).isEqualTo(429);
				assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotEmpty();
				assertThat(result.getResponseBodyContent()).asString().contains("RATE_LIMITED");
				break;
			}
			assertThat(result.getResponseHeaders().getFirst("X-GraphQL-Cost")).isEqualTo("161");
			heavyAllowed++;
		}
		String lightUser = newUser();
		int lightAllowed = 0;
		for (int i = 0; i < 10; i++) {
			post(lightUser, Map.of("query", light)).expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("X-GraphQL-Cost", "2");
			lightAllowed++;
		}
		assertThat(heavyAllowed).isEqualTo(2);
		assertThat(lightAllowed).isEqualTo(10);
		post(lightUser, Map.of("query", light)).expectHeader().valueEquals("X-RateLimit-Remaining", "378");
		post(heavyUser, Map.of("query", light)).expectStatus().isOk();
	}

}
