package io.github.bffsuite.partner;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.bffsuite.edge.grpc.transcoding.GrpcBackend;
import io.github.bffsuite.edge.grpc.transcoding.GrpcBackends;
import io.github.bffsuite.edge.grpc.transcoding.HttpBinding;
import io.github.bffsuite.partner.catalog.CatalogRoutes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transcoded catalogue: {@code /partner/v2/catalog} answered over gRPC by a real
 * server on a socket, behind the partner edge (credentials, scopes, rate limits), and in
 * agreement with product-service's HTTP rules both ways.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerCatalogGrpcTests extends PartnerGatewayTestSupport {

	private static final Map<String, String> SAMPLES = Map.of("name", "p-0001", "category", "books");

	@Autowired
	GrpcBackends backends;

	@Autowired
	RouteDefinitionLocator routes;

	@Test
	void readsAProductOverGrpcWithAnApiKeyAndItsRateLimitHeaders() {
		this.client.get()
			.uri("/partner/v2/catalog/products/p-0003")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON)
			.expectHeader()
			.exists("RateLimit-Policy")
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("products/p-0003")
			.jsonPath("$.price.amountMinor")
			.isEqualTo("1999");
	}

	@Test
	void answersAnUnknownProductWithA404Problem() {
		this.client.get()
			.uri("/partner/v2/catalog/products/p-4242")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.grpcStatus")
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void refusesCallersWithoutCredentialsOrScope() {
		this.client.get().uri("/partner/v2/catalog/products/p-0001").exchange().expectStatus().isUnauthorized();
		this.client.get()
			.uri("/partner/v2/catalog/products/p-0001")
			.headers((headers) -> headers.setBearerAuth(partnerToken("acme", "orders:read")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void everyHttpRuleHasARouteThatReachesItsMethod() {
		GrpcBackend backend = this.backends.get(CatalogRoutes.SERVICE);
		assertThat(backend).isNotNull();
		assertThat(backend.bindings()).hasSizeGreaterThanOrEqualTo(5);
		for (HttpBinding binding : backend.bindings()) {
			String path = sample(CatalogRoutes.publicPath(binding));
			String uri = path + (binding.serverStreaming() ? "?maxChanges=1" : "");
			var request = this.client.method(HttpMethod.valueOf(binding.httpMethod()))
				.uri(uri)
				.header("X-API-Key", ACME_DEV_KEY);
			var response = binding.body().isEmpty() ? request.exchange()
					: request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
			int status = response.returnResult(String.class).getStatus().value();
			assertThat(status).as(binding.httpMethod() + " " + uri).isEqualTo(200);
			assertThat(grpcBackend.calledMethods()).as(binding.httpMethod() + " " + uri)
				.contains(binding.method().getService().getFullName() + "/" + binding.method().getName());
		}
	}

	@Test
	void everyTranscodedRouteAndDocumentedOperationHasARule() {
		List<RouteDefinition> transcoded = this.routes.getRouteDefinitions()
			.filter((route) -> route.getFilters()
				.stream()
				.anyMatch((filter) -> filter.getName().equals("GrpcTranscode")))
			.collectList()
			.block();
		assertThat(transcoded).singleElement().satisfies((route) -> {
			FilterDefinition filter = route.getFilters()
				.stream()
				.filter((candidate) -> candidate.getName().equals("GrpcTranscode"))
				.findFirst()
				.orElseThrow();
			assertThat(filter.getArgs().values()).containsExactly(CatalogRoutes.SERVICE);
			assertThat(route.getPredicates()).singleElement()
				.satisfies((predicate) -> assertThat(predicate.getArgs().values())
					.containsExactly(CatalogRoutes.PUBLIC_PREFIX + "/**"));
		});
		Set<String> rules = this.backends.get(CatalogRoutes.SERVICE)
			.bindings()
			.stream()
			.map((binding) -> binding.httpMethod() + " " + CatalogRoutes.publicPath(binding))
			.collect(Collectors.toSet());
		Set<String> documented = new HashSet<>();
		Map<?, ?> paths = (Map<?, ?>) this.client.get()
			.uri("/v3/api-docs/v2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("paths");
		paths.forEach((path, operations) -> {
			if (path.toString().startsWith(CatalogRoutes.PUBLIC_PREFIX + "/")) {
				((Map<?, ?>) operations).keySet()
					.forEach((method) -> documented.add(method.toString().toUpperCase() + " " + path));
			}
		});
		assertThat(documented).isEqualTo(rules);
		// a path of the route that no rule covers is the transcoder's 404, not a call
		this.client.get()
			.uri("/partner/v2/catalog/orders/o-1")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found");
	}

	private static String sample(String path) {
		String result = path;
		for (Map.Entry<String, String> sample : SAMPLES.entrySet()) {
			result = result.replace("{" + sample.getKey() + "}", sample.getValue());
		}
		assertThat(result).as("sample of " + path).doesNotContain("{");
		return result;
	}

}
