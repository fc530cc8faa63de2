package io.github.bffsuite.web.graphql;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import io.github.bffsuite.edge.graphql.persisted.TrustedDocuments;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-web's trusted documents ({@code graphql/trusted/*.graphql}) with the starter's
 * guardrails in safelist mode: every document validates against the schema and runs by
 * its hash, over GET too, while free-form documents are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.graphql.trusted-documents.required=true" })
class GraphQlTrustedDocumentsTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleServiceStubs stubs = new SampleServiceStubs();

	@LocalServerPort
	int port;

	@Autowired
	GraphQlSource graphQlSource;

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
	void everyTrustedDocumentValidatesAgainstTheSchema() throws IOException {
		Resource[] documents = new PathMatchingResourcePatternResolver()
			.getResources("classpath:graphql/trusted/*.graphql");
		assertThat(documents).hasSizeGreaterThanOrEqualTo(9);
		for (Resource document : documents) {
			String text = document.getContentAsString(StandardCharsets.UTF_8);
			ParseAndValidateResult result = ParseAndValidate.parseAndValidate(this.graphQlSource.schema(),
					ExecutionInput.newExecutionInput(text).build());
			assertThat(result.getErrors()).as(document.getFilename()).isEmpty();
		}
	}

	@Test
	void runsTheOrdersPageByItsHashOverGetInThreeCalls() throws IOException {
		String hash = TrustedDocuments.sha256(trusted("OrdersPage"));
		URI uri = URI.create("http://127.0.0.1:" + this.port + "/graphql?variables=" + encode("{\"first\":20}")
				+ "&extensions=" + encode("{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}"));
		GatewayTestFixture.client(this.port)
			.get()
			.uri(uri)
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_GRAPHQL_RESPONSE)
			.expectBody()
			.jsonPath("$.errors")
			.doesNotExist()
			.jsonPath("$.data.orders.edges.length()")
			.isEqualTo(20)
			.jsonPath("$.data.orders.edges[0].node.items[0].product.name")
			.isNotEmpty();
		assertThat(stubs.total()).isEqualTo(3);
	}

	@Test
	void refusesFreeFormDocumentsInSafelistMode() {
		GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ me { id email } }"))
			.exchange()
			.expectBody()
			.jsonPath("$.data")
			.doesNotExist()
			.jsonPath("$.errors[0].extensions.code")
			.isNotEmpty();
		assertThat(stubs.total()).isZero();
	}

	@Test
	void placesAnOrderWithTheTrustedMutation() throws IOException {
		String hash = TrustedDocuments.sha256(trusted("PlaceOrder"));
		GatewayTestFixture.client(this.port)
			.post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(GraphQlTestSupport.alice(keys)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("variables",
					Map.of("input",
							Map.of("idempotencyKey", "trusted-1", "items",
									List.of(Map.of("productId", "p-0042", "quantity", 1)))),
					"extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.placeOrder.status")
			.isEqualTo("PENDING")
			.jsonPath("$.data.placeOrder.items[0].product.name")
			.isEqualTo("Product 42");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String trusted(String name) throws IOException {
		return new PathMatchingResourcePatternResolver().getResource("classpath:graphql/trusted/" + name + ".graphql")
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
