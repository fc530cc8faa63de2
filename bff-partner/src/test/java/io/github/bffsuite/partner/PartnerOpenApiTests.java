package io.github.bffsuite.partner;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.grpc.transcoding.GrpcBackends;
import io.github.bffsuite.partner.catalog.CatalogRoutes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI documents and Swagger UI the running gateway serves without credentials:
 * one document per version, whose operations are exactly the gateway's routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerOpenApiTests extends PartnerGatewayTestSupport {

	@Autowired
	RequestMappingHandlerMapping handlerMapping;

	@Autowired
	GrpcBackends grpcBackends;

	@Test
	void documentsExactlyTheRoutesTheGatewayServes() {
		Set<String> documented = new HashSet<>();
		for (String group : List.of("v1", "v2", "admin")) {
			Map<?, ?> paths = (Map<?, ?>) document(group).get("paths");
			paths.forEach((path, operations) -> ((Map<?, ?>) operations).keySet()
				.forEach((method) -> documented.add(method.toString().toUpperCase() + " " + path)));
		}
		Set<String> routes = new HashSet<>();
		this.handlerMapping.getHandlerMethods().forEach((info, handler) -> {
			for (var pattern : info.getPatternsCondition().getPatterns()) {
				if (pattern.getPatternString().startsWith("/partner/")) {
					// a mapping per version answers under that version's literal path
					String path = pattern.getPatternString()
						.replace("{version}", String.valueOf(info.getVersionCondition().getVersion()));
					info.getMethodsCondition().getMethods().forEach((method) -> routes.add(method.name() + " " + path));
				}
			}
		});
		assertThat(routes).hasSizeGreaterThan(10);
		// and the catalogue that the gateway transcodes to gRPC by product-service's HTTP
		// rules
		this.grpcBackends.get(CatalogRoutes.SERVICE)
			.bindings()
			.forEach((binding) -> routes.add(binding.httpMethod() + " " + CatalogRoutes.publicPath(binding)));
		assertThat(documented).isEqualTo(routes);
	}

	@Test
	void describesSecurityProblemsAndRateLimitHeaders() {
		Map<?, ?> v2 = document("v2");
		Map<?, ?> components = (Map<?, ?>) v2.get("components");
		Map<?, ?> schemes = (Map<?, ?>) components.get("securitySchemes");
		assertThat(((Map<?, ?>) schemes.get("apiKey")).get("name")).isEqualTo("X-API-Key");
		assertThat(((Map<?, ?>) schemes.get("oauth2")).get("flows").toString()).contains("clientCredentials")
			.contains("/oauth2/token");
		assertThat(((Map<?, ?>) components.get("schemas")).keySet().stream().map(Object::toString)).contains("Problem",
				"OrderV2", "Money");
		assertThat(((Map<?, ?>) components.get("headers")).keySet().stream().map(Object::toString))
			.contains("RateLimit-Policy", "RateLimit", "Retry-After");
		Map<?, ?> list = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) v2.get("paths")).get("/partner/v2/orders")).get("get");
		Map<?, ?> responses = (Map<?, ?>) list.get("responses");
		assertThat(responses.keySet().stream().map(Object::toString)).contains("200", "400", "401", "403", "429");
		assertThat(responses.get("200").toString()).contains("RateLimit-Policy");
		assertThat(responses.get("429").toString()).contains("application/problem+json")
			.contains("quota-exceeded")
			.contains("Retry-After");
		Map<?, ?> create = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) v2.get("paths")).get("/partner/v2/orders"))
			.get("post");
		assertThat(create.toString()).contains("Idempotency-Key").contains("422").contains("201");
		assertThat(((Map<?, ?>) components.get("schemas")).get("CreateOrderRequest").toString()).contains("p-0001");
		Map<?, ?> v1Get = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) document("v1").get("paths"))
			.get("/partner/v1/orders/{id}")).get("get");
		assertThat(v1Get.get("deprecated")).isEqualTo(true);
		assertThat(v1Get.get("responses").toString()).contains("Sunset");
	}

	@Test
	void servesSwaggerUiWithoutCredentials() {
		this.client.get()
			.uri("/swagger-ui.html")
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.value("Location",
					(location) -> this.client.get()
						.uri(location)
						.exchange()
						.expectStatus()
						.isOk()
						.expectBody(String.class)
						.value((html) -> assertThat(html).contains("swagger-ui")));
		this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((config) -> assertThat(config).contains("/v3/api-docs/v1").contains("/v3/api-docs/v2"));
	}

	@Test
	void swaggerUiListsOnlyTheGroupsAndOpensOnV2() {
		Map<?, ?> config = this.client.get()
			.uri("/v3/api-docs/swagger-config")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		List<?> urls = (List<?>) config.get("urls");
		assertThat(urls.stream().map((url) -> String.valueOf(((Map<?, ?>) url).get("url"))))
			.containsExactlyInAnyOrder("/v3/api-docs/v1", "/v3/api-docs/v2", "/v3/api-docs/admin");
		assertThat(config.containsKey("url")).isFalse();
		Object primary = config.get("urls.primaryName");
		assertThat(urls).filteredOn((url) -> ((Map<?, ?>) url).get("name").equals(primary))
			.singleElement()
			.satisfies((url) -> assertThat(((Map<?, ?>) url).get("url")).isEqualTo("/v3/api-docs/v2"));
	}

	@Test
	void servesNoAggregateDocumentOfAllGroups() {
		this.client.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	Map<?, ?> document(String group) {
		return this.client.get()
			.uri("/v3/api-docs/" + group)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
