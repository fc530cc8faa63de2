package io.github.bffsuite.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.ListProductsResponse;
import io.github.bffsuite.product.v1.Money;
import io.github.bffsuite.product.v1.Product;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import io.github.bffsuite.product.v1.SearchProductsResponse;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

/**
 * A real gRPC stand-in for product-service's {@code ProductService} on a free port that
 * serves what {@link SampleBackend} serves over REST, so that the partner API answers the
 * same over either transport: {@code p-0404} is not found, {@code p-0500} fails with
 * internals in its description, {@code p-0503} is unavailable, {@code p-0504} never
 * answers (until the caller cancels), any other id is a book; a listing has at most 3
 * products, the category must be books. It notes each call's request and metadata.
 */
final class ProductsGrpcBackend implements AutoCloseable {

	private static final Context.Key<Metadata> HEADERS = Context.key("headers");

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, CountDownLatch> cancelled = new ConcurrentHashMap<>();

	private final Server server;

	ProductsGrpcBackend() {
		ServerInterceptor headers = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata,
					ServerCallHandler<Q, R> next) {
				return Contexts.interceptCall(Context.current().withValue(HEADERS, metadata), call, metadata, next);
			}

		};
		this.server = NettyServerBuilder.forPort(0)
			.addService(ServerInterceptors.intercept(new Service(), headers))
			.build();
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String address() {
		return "127.0.0.1:" + this.server.getPort();
	}

	List<Call> calls() {
		return this.calls;
	}

	void clear() {
		this.calls.clear();
	}

	/**
	 * Return a latch counted down when a call for a product is cancelled by the caller.
	 * @param name the resource name, such as {@code products/p-0504}
	 * @return the latch
	 */
	CountDownLatch cancelled(String name) {
		return this.cancelled.computeIfAbsent(name, (key) -> new CountDownLatch(1));
	}

	@Override
	public void close() {
		try {
			this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void note(String method, Object request) {
		Metadata metadata = HEADERS.get();
		Map<String, String> values = new ConcurrentHashMap<>();
		for (String key : metadata.keys()) {
			if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
				String value = metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
				if (value != null) {
					values.put(key, value);
				}
			}
		}
		this.calls.add(new Call(method, request, values));
	}

	static Product product(String id) {
		return Product.newBuilder()
			.setName("products/" + id)
			.setId(id)
			.setDisplayName("Book " + id)
			.setCategory("books")
			.setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1299))
			.setStock(7)
			.setDescription("A book")
			.build();
	}

	/**
	 * One call as the service saw it.
	 *
	 * @param method the method name, such as {@code GetProduct}
	 * @param request the request message
	 * @param metadata the ASCII metadata
	 */
	record Call(String method, Object request, Map<String, String> metadata) {

	}

	private final class Service extends ProductServiceGrpc.ProductServiceImplBase {

		@Override
		public void getProduct(GetProductRequest request, StreamObserver<Product> observer) {
			note("GetProduct", request);
			String name = request.getName();
			switch (name) {
				case "products/p-0404" ->
					observer.onError(Status.NOT_FOUND.withDescription("Product p-0404 not found").asException());
				case "products/p-0500" -> observer.onError(Status.INTERNAL
					.withDescription("NullPointerException at com.internal.Catalogue(db-7.internal:5432)")
					.asException());
				case "products/p-0503" ->
					observer.onError(Status.UNAVAILABLE.withDescription("Catalogue is reloading").asException());
				case "products/p-0504" ->
					Context.current().addListener((context) -> cancelled(name).countDown(), Runnable::run);
				default -> {
					observer.onNext(product(name.substring("products/".length())));
					observer.onCompleted();
				}
			}
		}

		@Override
		public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> observer) {
			note("ListProducts", request);
			if (!request.getCategory().isEmpty() && !request.getCategory().equals("books")) {
				observer.onError(
						Status.INVALID_ARGUMENT.withDescription("Query parameter 'category' must be one of [books]")
							.asException());
				return;
			}
			ListProductsResponse.Builder response = ListProductsResponse.newBuilder();
			int limit = (request.getPageSize() != 0) ? request.getPageSize() : 20;
			for (int i = 1; i <= Math.min(limit, 3); i++) {
				response.addProducts(product("p-%04d".formatted(i)));
			}
			observer.onNext(response.setNextPageToken((limit < 3) ? "cDAwMDI" : "").build());
			observer.onCompleted();
		}

		@Override
		public void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> observer) {
			note("SearchProducts", request);
			SearchProductsResponse.Builder response = SearchProductsResponse.newBuilder();
			int limit = (request.getPageSize() != 0) ? request.getPageSize() : 20;
			for (int i = 1; i <= Math.min(limit, 3); i++) {
				response.addProducts(product("p-%04d".formatted(i)));
			}
			observer.onNext(response.setNextPageToken((limit < 3) ? "cDAwMDI" : "").build());
			observer.onCompleted();
		}

	}

}
