package io.github.bffsuite.partner;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.bffsuite.partner.client.GrpcProductReader;
import io.github.bffsuite.partner.client.ProductReader;
import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products endpoints with {@code edge.partner.products.transport=grpc}: the same
 * answers as over REST, read from a real gRPC server with the generated stub; plus what
 * only a gRPC call does (a call the edge gives up on is cancelled at the service).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.partner.products.transport=grpc",
				"edge.partner.products.grpc-service=products-test",
				"edge.grpc.services.products-test.descriptor-set=classpath:META-INF/grpc/bffsuite-product-v1.desc",
				"edge.downstream.services.product-service.response-timeout=2s" })
class PartnerProductsGrpcTests extends PartnerProductsContract {

	static final ProductsGrpcBackend grpcProducts = new ProductsGrpcBackend();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(grpcProducts::close));
	}

	@DynamicPropertySource
	static void grpcProductsAddress(DynamicPropertyRegistry registry) {
		registry.add("edge.grpc.services.products-test.address", grpcProducts::address);
	}

	@BeforeEach
	void clearCalls() {
		grpcProducts.clear();
	}

	@Override
	ServiceCall lastCall() {
		List<ProductsGrpcBackend.Call> calls = grpcProducts.calls();
		assertThat(calls).isNotEmpty();
		ProductsGrpcBackend.Call call = calls.get(calls.size() - 1);
		Map<String, String> parameters = new LinkedHashMap<>();
		if (call.request() instanceof GetProductRequest get) {
			parameters.put("id", get.getName().substring("products/".length()));
		}
		else if (call.request() instanceof ListProductsRequest list) {
			page(parameters, list.getCategory(), "", list.getPageToken(), list.getPageSize());
		}
		else if (call.request() instanceof SearchProductsRequest search) {
			page(parameters, search.getFilter().getCategory(), search.getFilter().getQuery(), search.getPageToken(),
					search.getPageSize());
		}
		return new ServiceCall(parameters, call.metadata());
	}

	private static void page(Map<String, String> parameters, String category, String q, String cursor, int limit) {
		if (!category.isEmpty()) {
			parameters.put("category", category);
		}
		if (!q.isEmpty()) {
			parameters.put("q", q);
		}
		if (!cursor.isEmpty()) {
			parameters.put("cursor", cursor);
		}
		parameters.put("limit", String.valueOf(limit));
	}

	@Test
	void readsOverGrpcNotRest(@Autowired ProductReader reader) {
		assertThat(reader).isInstanceOf(GrpcProductReader.class);
		this.client.get()
			.uri("/partner/v2/products/p-0007")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(grpcProducts.calls()).singleElement()
			.satisfies((call) -> assertThat(call.method()).isEqualTo("GetProduct"));
		assertThat(backend.requests()).isEmpty();
	}

	@Test
	void searchesWithSearchProductsAndListsWithListProducts() {
		for (String uri : new String[] { "/partner/v2/products?q=lamp", "/partner/v2/products?limit=3" }) {
			this.client.get().uri(uri).header("X-API-Key", ACME_DEV_KEY).exchange().expectStatus().isOk();
		}
		assertThat(grpcProducts.calls()).extracting(ProductsGrpcBackend.Call::method)
			.containsExactly("SearchProducts", "ListProducts");
	}

	@Test
	void aCallTheServiceDoesNotAnswerIsA504AndIsCancelledAtTheService() throws InterruptedException {
		CountDownLatch cancelled = grpcProducts.cancelled("products/p-0504");
		this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/partner/v2/products/p-0504")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/gateway-timeout")
			.jsonPath("$.downstream")
			.isEqualTo("product-service");
		assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
	}

}
