package io.github.bffsuite.web.graphql;

import java.util.List;
import java.util.regex.Pattern;

import graphql.introspection.Introspection;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL and introspection: on in the default local profile, off in {@code docker}; the
 * GraphQL-over-HTTP media type.
 */
class GraphQlProfilesTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	static final String INTROSPECTION = "{\"query\":\"{ __schema { queryType { name } } }\"}";

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		GraphQlTestSupport.register(registry, fixture, stubs);
	}

	@AfterAll
	static void stop() {
		fixture.close();
		stubs.close();
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
	class Local {

		@LocalServerPort
		int port;

		@Test
		void servesGraphiQlAndIntrospection() {
			GatewayTestFixture.client(this.port)
				.get()
				.uri("/graphiql?path=/graphql")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.TEXT_HTML);
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.ALL)
				.bodyValue(INTROSPECTION)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(MediaType.APPLICATION_GRAPHQL_RESPONSE)
				.expectBody()
				.jsonPath("$.data.__schema.queryType.name")
				.isEqualTo("Query");
		}

		@Test
		void servesGraphiQlWithEveryAssetFromTheGatewayWithoutCredentials() {
			String page = GatewayTestFixture.client(this.port)
				.get()
				.uri("/graphiql?path=/graphql")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			List<String> assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"")
				.matcher(page)
				.results()
				.map((match) -> match.group(1))
				.toList();
			assertThat(assets).hasSize(4).allMatch((asset) -> asset.startsWith("/webjars/"));
			assertThat(page).doesNotContain("https://").doesNotContain("esm.sh").doesNotContain("unpkg");
			for (String asset : assets) {
				GatewayTestFixture.client(this.port)
					.get()
					.uri(asset)
					.exchange()
					.expectStatus()
					.isOk()
					.expectHeader()
					.contentTypeCompatibleWith(asset.endsWith(".css") ? "text/css" : "text/javascript")
					.expectHeader()
					.value("Content-Length", (length) -> assertThat(Long.parseLong(length)).isGreaterThan(1000));
			}
		}

		@Test
		void runsGraphiQlsIntrospectionQueryAndKeepsIntrospectionInsideTheLimits() {
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(java.util.Map.of("query", graphql.introspection.IntrospectionQuery.INTROSPECTION_QUERY))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.data.__schema.types")
				.isNotEmpty();
			String deep = "{ __schema { types { fields { type " + "{ ofType ".repeat(14) + "{ name }" + " }".repeat(14)
					+ " } } } }";
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(java.util.Map.of("query", deep))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("MAX_DEPTH_EXCEEDED");
		}

		@Test
		void answersParseErrorsWith400AsGraphQlOverHttpAsks() {
			// application/json, for legacy clients, answers 200 with the errors
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_JSON)
				.bodyValue("{\"query\":\"{ orders { \"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(MediaType.APPLICATION_JSON);
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.APPLICATION_GRAPHQL_RESPONSE)
				.bodyValue("{\"query\":\"{ orders { \"}")
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].extensions.classification")
				.isEqualTo("InvalidSyntax");
			assertThat(stubs.total()).isZero();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
	@ActiveProfiles("docker")
	class Docker {

		@LocalServerPort
		int port;

		@AfterAll
		static void enableIntrospectionAgain() {
			// Spring Boot switches introspection off for the whole JVM; other tests share
			// it
			Introspection.enabledJvmWide(true);
		}

		@Test
		void hidesGraphiQlAndRefusesIntrospection() {
			GatewayTestFixture.client(this.port)
				.get()
				.uri("/graphiql")
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).isIn(401, 404));
			GatewayTestFixture.client(this.port)
				.post()
				.uri("/graphql")
				.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(INTROSPECTION)
				.exchange()
				.expectBody()
				.jsonPath("$.data.__schema")
				.doesNotExist()
				.jsonPath("$.errors[0].message")
				.value((message) -> assertThat((String) message).containsIgnoringCase("introspection"));
		}

	}

}
