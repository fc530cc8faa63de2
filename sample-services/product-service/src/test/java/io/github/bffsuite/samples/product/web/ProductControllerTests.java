package io.github.bffsuite.samples.product.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.github.bffsuite.samples.product.data.Product;
import io.github.bffsuite.samples.product.data.ProductCatalogue;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProductController} through the running server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProductControllerTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private ProductCatalogue catalogue;

	@Test
	void returnsProductWithFixedCategory() {
		Product product = get("/products/p-0001", Product.class);
		assertThat(product.id()).isEqualTo("p-0001");
		assertThat(product.category()).isEqualTo("books");
		assertThat(product.currency()).isEqualTo("EUR");
		assertThat(get("/products/p-0020", Product.class).category()).isEqualTo("grocery");
		assertThat(get("/products/p-0001", Product.class)).isEqualTo(product);
	}

	@Test
	void acceptsAndIgnoresIdentityHeaders() {
		Product product = this.client.get()
			.uri("/products/p-0002")
			.header("X-Tenant-ID", "acme")
			.header("X-User-ID", "u-001")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(product).isEqualTo(get("/products/p-0002", Product.class));
	}

	@Test
	void marksProductReadsCacheableWithAnEtagAndAnswersAMatchingIfNoneMatchWith304() {
		for (String uri : List.of("/products/p-0003", "/products?ids=p-0003,p-0004", "/products?category=books")) {
			String etag = this.client.get()
				.uri(uri)
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.cacheControl(CacheControl.maxAge(Duration.ofSeconds(60)).cachePublic())
				.returnResult(String.class)
				.getResponseHeaders()
				.getETag();
			assertThat(etag).as(uri).startsWith("W/\"");
			this.client.get()
				.uri(uri)
				.header("If-None-Match", etag)
				.exchange()
				.expectStatus()
				.isNotModified()
				.expectHeader()
				.valueEquals("ETag", etag)
				.expectBody()
				.isEmpty();
			this.client.get().uri(uri).header("If-None-Match", "W/\"other\"").exchange().expectStatus().isOk();
		}
		assertThat(this.client.get()
			.uri("/products/p-0005")
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag())
			.isNotEqualTo(this.client.get()
				.uri("/products/p-0006")
				.exchange()
				.returnResult(String.class)
				.getResponseHeaders()
				.getETag());
	}

	@Test
	void answersUnknownProductWithNotFound() {
		expectProblem("/products/p-5001", HttpStatus.NOT_FOUND, "not-found");
		expectProblem("/products/p-0000", HttpStatus.NOT_FOUND, "not-found");
	}

	@Test
	void rejectsMalformedId() {
		for (String id : List.of("1", "p-1", "p-00001", "p-abcd", "u-0001", "P-0001")) {
			expectProblem("/products/" + id, HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void returnsBatchInRequestedOrderWithDuplicatesCollapsedAndUnknownIdsAbsent() {
		ProductsResponse response = get("/products?ids=p-0003,p-0001,p-0003,p-9999,p-5000", ProductsResponse.class);
		assertThat(response.products()).extracting(Product::id).containsExactly("p-0003", "p-0001", "p-5000");
	}

	@Test
	void acceptsBatchOf100Ids() {
		assertThat(get("/products?ids=" + ids(100), ProductsResponse.class).products()).hasSize(100);
	}

	@Test
	void rejectsBatchOfMoreThan100Ids() {
		expectProblem("/products?ids=" + ids(101), HttpStatus.BAD_REQUEST, "bad-request");
	}

	@Test
	void rejectsEmptyOrMalformedBatch() {
		for (String uri : List.of("/products?ids=", "/products?ids=p-0001,,p-0002", "/products?ids=p-0001,x")) {
			expectProblem(uri, HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void rejectsBatchCombinedWithSearchParameters() {
		expectProblem("/products?ids=p-0001&category=books", HttpStatus.BAD_REQUEST, "bad-request");
		expectProblem("/products?ids=p-0001&limit=5", HttpStatus.BAD_REQUEST, "bad-request");
	}

	@Test
	void walksAWholeCategoryExactlyOnceAcrossPages() {
		List<String> expected = IntStream.iterate(2, (n) -> n <= 5000, (n) -> n + 20)
			.mapToObj("p-%04d"::formatted)
			.toList();
		assertThat(walk("/products?category=music&limit=7")).containsExactlyElementsOf(expected);
		assertThat(walk("/products?category=music&limit=50")).containsExactlyElementsOf(expected);
	}

	@Test
	void walksTheWholeCatalogueWithTheDefaultPageSize() {
		ProductPage first = get("/products", ProductPage.class);
		assertThat(first.items()).hasSize(20);
		assertThat(walk("/products?limit=100")).hasSize(5000).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void filtersNamesByCaseInsensitiveQuery() {
		List<String> expected = this.catalogue.search("books", "novel", 0, 5000)
			.items()
			.stream()
			.map(Product::id)
			.toList();
		assertThat(expected).isNotEmpty();
		assertThat(walk("/products?category=books&q=NoVeL&limit=13")).containsExactlyElementsOf(expected);
		assertThat(get("/products?q=no-such-name", ProductPage.class).items()).isEmpty();
		assertThat(get("/products?q=no-such-name", ProductPage.class).nextCursor()).isNull();
	}

	@Test
	void rejectsUnknownCategory() {
		expectProblem("/products?category=cars", HttpStatus.BAD_REQUEST, "bad-request");
	}

	@Test
	void rejectsLimitOutOfRangeOrMalformed() {
		for (String limit : List.of("0", "101", "-1", "abc", "1.5", "")) {
			expectProblem("/products?limit=" + limit, HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void rejectsMalformedCursor() {
		for (String cursor : List.of("not-base64!", "eA", "cC0x", "", "A".repeat(100))) {
			expectProblem("/products?cursor=" + cursor, HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void recommendsTheSameProductsToTheSameUser() {
		Recommendations first = get("/products/recommended?userId=u-001", Recommendations.class);
		assertThat(first.userId()).isEqualTo("u-001");
		assertThat(first.items()).hasSize(10).doesNotHaveDuplicates();
		assertThat(get("/products/recommended?userId=u-001", Recommendations.class)).isEqualTo(first);
		assertThat(get("/products/recommended?userId=u-001&limit=50", Recommendations.class).items()).hasSize(50)
			.startsWith(first.items().toArray(Product[]::new));
		assertThat(get("/products/recommended?userId=u-002", Recommendations.class).items())
			.isNotEqualTo(first.items());
	}

	@Test
	void rejectsRecommendationsWithoutValidUserOrLimit() {
		for (String uri : List.of("/products/recommended", "/products/recommended?userId=alice",
				"/products/recommended?userId=u-001&limit=51", "/products/recommended?userId=u-001&limit=0")) {
			expectProblem(uri, HttpStatus.BAD_REQUEST, "bad-request");
		}
	}

	@Test
	void injectsFaultsConfiguredAtRunTime() {
		setFaults(1.0);
		try {
			expectProblem("/products/p-0001", HttpStatus.SERVICE_UNAVAILABLE, "injected-fault");
		}
		finally {
			setFaults(0.0);
		}
		get("/products/p-0001", Product.class);
	}

	private List<String> walk(String uri) {
		List<String> ids = new ArrayList<>();
		Set<String> cursors = new HashSet<>();
		ProductPage page = get(uri, ProductPage.class);
		page.items().forEach((product) -> ids.add(product.id()));
		while (page.nextCursor() != null) {
			assertThat(cursors.add(page.nextCursor())).isTrue();
			page = get(uri + "&cursor=" + page.nextCursor(), ProductPage.class);
			assertThat(page.items()).isNotEmpty();
			page.items().forEach((product) -> ids.add(product.id()));
		}
		return ids;
	}

	private static String ids(int count) {
		return IntStream.rangeClosed(1, count).mapToObj("p-%04d"::formatted).collect(Collectors.joining(","));
	}

	private void setFaults(double errorRate) {
		this.client.put()
			.uri("/admin/faults")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"latencyMs\":0,\"errorRate\":" + errorRate + "}")
			.exchange()
			.expectStatus()
			.isOk();
	}

	private <T> T get(String uri, Class<T> type) {
		T body = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(type)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return body;
	}

	private void expectProblem(String uri, HttpStatus status, String slug) {
		Problem problem = this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(Problem.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem).as(uri).isNotNull();
		assertThat(problem.type()).as(uri).startsWith("https://bff-suite.dev/problems/").endsWith(slug);
		assertThat(problem.status()).isEqualTo(status.value());
		assertThat(problem.detail()).doesNotContain("Exception");
	}

	record Problem(String type, String title, int status, String detail) {

	}

}
