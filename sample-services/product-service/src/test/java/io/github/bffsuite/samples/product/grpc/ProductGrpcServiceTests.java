package io.github.bffsuite.samples.product.grpc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.rpc.BadRequest;
import com.google.rpc.ResourceInfo;
import io.github.bffsuite.product.v1.Availability;
import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.ListProductsResponse;
import io.github.bffsuite.product.v1.PriceChange;
import io.github.bffsuite.product.v1.Product;
import io.github.bffsuite.product.v1.ProductFilter;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.product.v1.ProductServiceGrpc.ProductServiceBlockingStub;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import io.github.bffsuite.product.v1.SearchProductsResponse;
import io.github.bffsuite.product.v1.WatchPricesRequest;
import io.github.bffsuite.samples.product.data.ProductCatalogue;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ProductGrpcService} through a real socket: the gRPC server on a free
 * port beside the REST API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "product.grpc.port=0", "product.grpc.price-change-interval=5ms" })
@AutoConfigureWebTestClient
class ProductGrpcServiceTests {

	@Autowired
	private ProductGrpcServer server;

	@Autowired
	private ProductCatalogue catalogue;

	@Autowired
	private WebTestClient rest;

	private ManagedChannel channel;

	private ProductServiceBlockingStub stub;

	@BeforeEach
	void connect() {
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.server.getPort()).usePlaintext().build();
		this.stub = ProductServiceGrpc.newBlockingStub(this.channel).withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	@AfterEach
	void disconnect() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void answersTheStandardHealthCheckForTheServerAndTheProductService() {
		HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(this.channel)
			.withDeadlineAfter(30, TimeUnit.SECONDS);
		assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
		assertThat(health.check(HealthCheckRequest.newBuilder().setService(ProductServiceGrpc.SERVICE_NAME).build())
			.getStatus()).isEqualTo(ServingStatus.SERVING);
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> health.check(HealthCheckRequest.newBuilder().setService("no.such.Service").build()))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
	}

	@Test
	void returnsTheSameProductAsTheRestApi() {
		Product product = this.stub.getProduct(GetProductRequest.newBuilder().setName("products/p-0001").build());
		io.github.bffsuite.samples.product.data.Product rest = this.rest.get()
			.uri("/products/p-0001")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(io.github.bffsuite.samples.product.data.Product.class)
			.returnResult()
			.getResponseBody();
		assertThat(rest).isNotNull();
		assertThat(product.getName()).isEqualTo("products/p-0001");
		assertThat(product.getId()).isEqualTo(rest.id());
		assertThat(product.getDisplayName()).isEqualTo(rest.name());
		assertThat(product.getCategory()).isEqualTo("books");
		assertThat(product.getPrice().getAmountMinor()).isEqualTo(rest.priceCents());
		assertThat(product.getPrice().getCurrencyCode()).isEqualTo("EUR");
		assertThat(product.getStock()).isEqualTo(rest.stock());
		assertThat(product.getAvailability()).isNotEqualTo(Availability.AVAILABILITY_UNSPECIFIED);
	}

	@Test
	void answersAnUnknownProductWithNotFoundAndItsResourceInfo() throws Exception {
		StatusRuntimeException ex = call(
				() -> this.stub.getProduct(GetProductRequest.newBuilder().setName("products/p-9999").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).isNotNull();
		assertThat(status.getDetails(0).unpack(ResourceInfo.class).getResourceName()).isEqualTo("products/p-9999");
	}

	@Test
	void answersAMalformedNameWithInvalidArgumentNamingTheField() throws Exception {
		StatusRuntimeException ex = call(
				() -> this.stub.getProduct(GetProductRequest.newBuilder().setName("products/42").build()));
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
		assertThat(fieldOf(ex)).isEqualTo("name");
	}

	@Test
	void listsProductsPageByPageWithTheSameOrderAsTheCatalogue() {
		ListProductsResponse first = this.stub
			.listProducts(ListProductsRequest.newBuilder().setCategory("music").setPageSize(3).build());
		assertThat(first.getProductsList()).extracting(Product::getId).containsExactly("p-0002", "p-0022", "p-0042");
		ListProductsResponse second = this.stub.listProducts(ListProductsRequest.newBuilder()
			.setCategory("music")
			.setPageSize(3)
			.setPageToken(first.getNextPageToken())
			.build());
		assertThat(second.getProductsList()).extracting(Product::getId).containsExactly("p-0062", "p-0082", "p-0102");
		assertThat(this.stub.listProducts(ListProductsRequest.getDefaultInstance()).getProductsCount()).isEqualTo(20);
	}

	@Test
	void narrowsAListByItsNestedFilter() throws Exception {
		ListProductsResponse response = this.stub.listProducts(ListProductsRequest.newBuilder()
			.setCategory("home")
			.setFilter(ProductFilter.newBuilder().setQuery("lamp").setMinAvailability(Availability.IN_STOCK))
			.setPageSize(100)
			.build());
		long expected = this.catalogue.search("home", "lamp", 0, ProductCatalogue.SIZE)
			.items()
			.stream()
			.filter((product) -> product.stock() >= 20)
			.count();
		assertThat(response.getProductsList()).hasSize((int) Math.min(expected, 100))
			.allSatisfy((product) -> assertThat(product.getAvailability()).isEqualTo(Availability.IN_STOCK));
		assertThat(fieldOf(call(() -> this.stub.listProducts(ListProductsRequest.newBuilder()
			.setCategory("home")
			.setFilter(ProductFilter.newBuilder().setCategory("books"))
			.build())))).isEqualTo("filter.category");
	}

	@Test
	void rejectsBadPagingAndCategoriesNamingTheField() throws Exception {
		assertThat(
				fieldOf(call(() -> this.stub.listProducts(ListProductsRequest.newBuilder().setPageSize(101).build()))))
			.isEqualTo("page_size");
		assertThat(fieldOf(call(
				() -> this.stub.listProducts(ListProductsRequest.newBuilder().setPageToken("not-a-token").build()))))
			.isEqualTo("page_token");
		assertThat(fieldOf(call(() -> this.stub.searchProducts(SearchProductsRequest.newBuilder()
			.setFilter(ProductFilter.newBuilder().setCategory("spaceships"))
			.build())))).isEqualTo("filter.category");
	}

	@Test
	void searchesByNameAndAvailability() {
		SearchProductsResponse response = this.stub.searchProducts(SearchProductsRequest.newBuilder()
			.setFilter(ProductFilter.newBuilder()
				.setQuery("lamp")
				.setCategory("home")
				.setMinAvailability(Availability.LOW_STOCK))
			.setPageSize(100)
			.build());
		assertThat(response.getProductsList()).isNotEmpty()
			.allSatisfy((product) -> assertThat(product.getDisplayName()).containsIgnoringCase("lamp"))
			.allSatisfy((product) -> assertThat(product.getStock()).isPositive());
		long expected = this.catalogue.search("home", "lamp", 0, ProductCatalogue.SIZE)
			.items()
			.stream()
			.filter((product) -> product.stock() > 0)
			.count();
		assertThat(response.getProductsCount()).isEqualTo(Math.min(expected, 100));
	}

	@Test
	void streamsAFiniteNumberOfDeterministicPriceChanges() {
		List<PriceChange> changes = new ArrayList<>();
		this.stub.watchPrices(WatchPricesRequest.newBuilder().setName("products/p-0003").setMaxChanges(5).build())
			.forEachRemaining(changes::add);
		assertThat(changes).extracting(PriceChange::getSequence).containsExactly(1L, 2L, 3L, 4L, 5L);
		for (int i = 1; i < changes.size(); i++) {
			assertThat(changes.get(i).getOldPrice()).isEqualTo(changes.get(i - 1).getNewPrice());
		}
		int price = this.catalogue.findByNumber(3).orElseThrow().priceCents();
		assertThat(changes.get(0).getOldPrice().getAmountMinor()).isEqualTo(price);
		List<PriceChange> again = new ArrayList<>();
		this.stub.watchPrices(WatchPricesRequest.newBuilder().setName("products/p-0003").setMaxChanges(5).build())
			.forEachRemaining(again::add);
		assertThat(again).isEqualTo(changes);
	}

	@Test
	void streamsUntilTheCallerCancels() {
		try (Context.CancellableContext context = Context.current().withCancellation()) {
			Iterator<PriceChange> changes = context
				.call(() -> this.stub.watchPrices(WatchPricesRequest.newBuilder().setName("products/p-0004").build()));
			for (int i = 1; i <= 3; i++) {
				assertThat(changes.next().getSequence()).isEqualTo(i);
			}
			context.cancel(null);
			assertThatExceptionOfType(StatusRuntimeException.class).isThrownBy(() -> {
				while (changes.hasNext()) {
					changes.next();
				}
			}).satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.CANCELLED));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static StatusRuntimeException call(Runnable call) {
		try {
			call.run();
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
		throw new AssertionError("expected a gRPC error");
	}

	private static String fieldOf(StatusRuntimeException ex) throws Exception {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).isNotNull();
		return status.getDetails(0).unpack(BadRequest.class).getFieldViolations(0).getField();
	}

}
