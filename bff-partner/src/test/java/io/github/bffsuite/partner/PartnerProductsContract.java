package io.github.bffsuite.partner;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partner API's products endpoints through the running gateway, whichever transport
 * reads product-service ({@code edge.partner.products.transport}): the same JSON, fields,
 * paging and problems. A subclass points the transport at a stand-in that serves the same
 * data ({@link SampleBackend} over REST, {@link ProductsGrpcBackend} over gRPC) and says
 * what the service saw.
 */
abstract class PartnerProductsContract extends PartnerGatewayTestSupport {

	/**
	 * What product-service saw of the last call to it.
	 * @return the call: its parameters (of a get: {@code id}; of a search:
	 * {@code category}, {@code q}, {@code cursor}, {@code limit}, those given only) and
	 * the identity headers and request id it got (lower-case names)
	 */
	abstract ServiceCall lastCall();

	@Test
	void listsProductsWithV1ShapeAndACursor() {
		this.client.get()
			.uri("/partner/v1/products?category=books&limit=2")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Deprecation", "@1793491200")
			.expectBody()
			.json("""
					{"data":[
					 {"id":"p-0001","name":"Book p-0001","category":"books","price":12.99,"stock":7,"description":"A book"},
					 {"id":"p-0002","name":"Book p-0002","category":"books","price":12.99,"stock":7,"description":"A book"}],
					 "nextCursor":"cDAwMDI"}""",
					JsonCompareMode.STRICT);
		ServiceCall call = lastCall();
		assertThat(call.parameters()).isEqualTo(Map.of("category", "books", "limit", "2"));
		assertThat(call.headers()).containsEntry("x-tenant-id", "acme").containsKey("x-request-id");
	}

	@Test
	void listsProductsWithMoneyInV2AndNoCursorOnTheLastPage() {
		this.client.get()
			.uri("/partner/v2/products?category=books")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Deprecation")
			.expectBody()
			.json("""
					{"data":[
					 {"id":"p-0001","name":"Book p-0001","category":"books","price":{"amount":"12.99","currency":"EUR"},"stock":7,"description":"A book"},
					 {"id":"p-0002","name":"Book p-0002","category":"books","price":{"amount":"12.99","currency":"EUR"},"stock":7,"description":"A book"},
					 {"id":"p-0003","name":"Book p-0003","category":"books","price":{"amount":"12.99","currency":"EUR"},"stock":7,"description":"A book"}],
					 "nextCursor":null}""",
					JsonCompareMode.STRICT);
	}

	@Test
	void passesTheCursorAndTheSearchWordsAsTyped() {
		this.client.get()
			.uri("/partner/v2/products?q={q}&category=books&cursor=cDAwMDI&limit=5", "Camera+Bag")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.length()")
			.isEqualTo(3);
		assertThat(lastCall().parameters())
			.isEqualTo(Map.of("category", "books", "q", "Camera+Bag", "cursor", "cDAwMDI", "limit", "5"));
	}

	@Test
	void getsAProductInBothVersions() {
		this.client.get()
			.uri("/partner/v1/products/p-0002")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"id":"p-0002","name":"Book p-0002","category":"books","price":12.99,"stock":7,"description":"A book"}""",
					JsonCompareMode.STRICT);
		assertThat(lastCall().parameters()).isEqualTo(Map.of("id", "p-0002"));
		assertThat(lastCall().headers()).containsEntry("x-tenant-id", "acme");
		this.client.get()
			.uri("/partner/v2/products/p-0003")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("""
					{"id":"p-0003","name":"Book p-0003","category":"books","price":{"amount":"12.99","currency":"EUR"},"stock":7,"description":"A book"}""",
					JsonCompareMode.STRICT);
	}

	@Test
	void anUnknownProductIsTheService404WithItsDetail() {
		this.client.get()
			.uri("/partner/v2/products/p-0404")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/not-found")
			.jsonPath("$.detail")
			.isEqualTo("Product p-0404 not found")
			.jsonPath("$.requestId")
			.exists();
	}

	@Test
	void aServiceFailureIsA502ThatHidesItsBody() {
		String body = this.client.get()
			.uri("/partner/v2/products/p-0500")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body)
			.contains("https://bff-suite.dev/problems/bad-gateway", "Service 'product-service' answered 500")
			.doesNotContain("internal", "NullPointerException");
	}

	@Test
	void anUnavailableServiceIsA503() {
		this.client.get()
			.uri("/partner/v1/products/p-0503")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/service-unavailable")
			.jsonPath("$.downstream")
			.isEqualTo("product-service")
			.jsonPath("$.detail")
			.isEqualTo("Service 'product-service' answered 503");
	}

	@Test
	void aCategoryTheServiceRefusesIsAValidationProblem() {
		this.client.get()
			.uri("/partner/v2/products?category=garden")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/validation-failed")
			.jsonPath("$.detail")
			.isEqualTo("Query parameter 'category' must be one of [books]");
	}

	/**
	 * A call as product-service saw it.
	 *
	 * @param parameters the parameters
	 * @param headers the headers or metadata
	 */
	record ServiceCall(Map<String, String> parameters, Map<String, String> headers) {

	}

}
