package io.github.bffsuite.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.ListProductsResponse;
import io.github.bffsuite.product.v1.Money;
import io.github.bffsuite.product.v1.PriceChange;
import io.github.bffsuite.product.v1.Product;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import io.github.bffsuite.product.v1.SearchProductsResponse;
import io.github.bffsuite.product.v1.WatchPricesRequest;
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
 * A real gRPC stand-in for product-service's {@code ProductService} on a free port: it
 * knows p-0001 to p-0009 and notes which methods were called.
 */
final class CatalogGrpcBackend implements AutoCloseable {

	private final Set<String> calledMethods = ConcurrentHashMap.newKeySet();

	private final Server server;

	CatalogGrpcBackend() {
		ServerInterceptor recorder = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				CatalogGrpcBackend.this.calledMethods.add(call.getMethodDescriptor().getFullMethodName());
				return next.startCall(call, headers);
			}

		};
		this.server = NettyServerBuilder.forPort(0)
			.addService(ServerInterceptors.intercept(new Service(), recorder))
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

	Set<String> calledMethods() {
		return this.calledMethods;
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

	static Product product(String id) {
		return Product.newBuilder()
			.setName("products/" + id)
			.setId(id)
			.setDisplayName("Classic Novel")
			.setCategory("books")
			.setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1999))
			.setStock(12)
			.build();
	}

	private static final class Service extends ProductServiceGrpc.ProductServiceImplBase {

		@Override
		public void getProduct(GetProductRequest request, StreamObserver<Product> observer) {
			if (!request.getName().matches("products/p-000[1-9]")) {
				observer.onError(
						Status.NOT_FOUND.withDescription("Product " + request.getName() + " not found").asException());
				return;
			}
			observer.onNext(product(request.getName().substring("products/".length())));
			observer.onCompleted();
		}

		@Override
		public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> observer) {
			observer.onNext(ListProductsResponse.newBuilder().addProducts(product("p-0001")).build());
			observer.onCompleted();
		}

		@Override
		public void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> observer) {
			observer.onNext(SearchProductsResponse.newBuilder().addProducts(product("p-0001")).build());
			observer.onCompleted();
		}

		@Override
		public void watchPrices(WatchPricesRequest request, StreamObserver<PriceChange> observer) {
			for (int i = 1; i <= Math.max(1, request.getMaxChanges()); i++) {
				observer.onNext(PriceChange.newBuilder().setName(request.getName()).setSequence(i).build());
			}
			observer.onCompleted();
		}

	}

}
