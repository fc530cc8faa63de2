package io.github.bffsuite.edge.grpc.transcoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.github.bffsuite.product.v1.Availability;
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
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;

/**
 * A real gRPC server on a free port with a {@code ProductService} that echoes what it was
 * asked (so a test sees how the gateway built the request) and fails on purpose for some
 * product names. It notes the metadata and deadline of the last call.
 */
final class TestProductServer implements AutoCloseable {

	private final AtomicReference<Metadata> lastHeaders = new AtomicReference<>();

	private final AtomicReference<@Nullable Deadline> lastDeadline = new AtomicReference<>();

	private final AtomicReference<Boolean> lastStreamCancelled = new AtomicReference<>(false);

	private final Server server;

	TestProductServer() {
		ServerInterceptor recorder = new ServerInterceptor() {

			@Override
			public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
					ServerCallHandler<Q, R> next) {
				TestProductServer.this.lastHeaders.set(headers);
				TestProductServer.this.lastDeadline.set(Context.current().getDeadline());
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

	Metadata lastHeaders() {
		return this.lastHeaders.get();
	}

	@Nullable Deadline lastDeadline() {
		return this.lastDeadline.get();
	}

	boolean lastStreamCancelled() {
		return this.lastStreamCancelled.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	static Product product(String id) {
		return Product.newBuilder()
			.setName("products/" + id)
			.setId(id)
			.setDisplayName("Product " + id)
			.setCategory("books")
			.setPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1999))
			.setStock(7)
			.setAvailability(Availability.LOW_STOCK)
			.build();
	}

	private final class Service extends ProductServiceGrpc.ProductServiceImplBase {

		@Override
		public void getProduct(GetProductRequest request, StreamObserver<Product> observer) {
			String name = request.getName();
			switch (name) {
				case "products/p-0404" ->
					observer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
						.setCode(Code.NOT_FOUND_VALUE)
						.setMessage("Product products/p-0404 not found")
						.addDetails(Any.pack(ResourceInfo.newBuilder()
							.setResourceType("bffsuite.product.v1.Product")
							.setResourceName(name)
							.build()))
						.build()));
				case "products/p-0400" ->
					observer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
						.setCode(Code.INVALID_ARGUMENT_VALUE)
						.setMessage("Field 'name' is odd")
						.addDetails(Any.pack(BadRequest.newBuilder()
							.addFieldViolations(
									BadRequest.FieldViolation.newBuilder().setField("name").setDescription("is odd"))
							.build()))
						.build()));
				case "products/p-0429" ->
					observer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
						.setCode(Code.RESOURCE_EXHAUSTED_VALUE)
						.setMessage("Slow down")
						.addDetails(Any.pack(RetryInfo.newBuilder()
							.setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(3))
							.build()))
						.build()));
				case "products/p-0500" -> observer
					.onError(Status.INTERNAL.withDescription("NullPointerException at com.example.Secret.line(42)")
						.asRuntimeException());
				case "products/p-0503" -> observer.onError(Status.UNAVAILABLE.asRuntimeException());
				case "products/p-slow" -> {
					// never answers: the caller's deadline ends the call
				}
				default -> {
					observer.onNext(product(name.substring(name.indexOf('/') + 1)));
					observer.onCompleted();
				}
			}
		}

		@Override
		public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> observer) {
			ListProductsResponse.Builder response = ListProductsResponse.newBuilder();
			for (int i = 1; i <= request.getPageSize(); i++) {
				response.addProducts(product("p-000" + i).toBuilder()
					.setCategory(request.getCategory())
					.setDisplayName(request.getFilter().getQuery())
					.setAvailability(request.getFilter().getMinAvailability()));
			}
			observer.onNext(response.setNextPageToken(request.getPageToken() + "+").build());
			observer.onCompleted();
		}

		@Override
		public void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> observer) {
			SearchProductsResponse.Builder response = SearchProductsResponse.newBuilder();
			for (int i = 1; i <= request.getPageSize(); i++) {
				response.addProducts(product("p-000" + i).toBuilder()
					.setCategory(request.getFilter().getCategory())
					.setDisplayName(request.getFilter().getQuery())
					.setAvailability(request.getFilter().getMinAvailability()));
			}
			observer.onNext(response.setNextPageToken(request.getPageToken() + "+").build());
			observer.onCompleted();
		}

		@Override
		public void watchPrices(WatchPricesRequest request, StreamObserver<PriceChange> observer) {
			ServerCallStreamObserver<PriceChange> call = (ServerCallStreamObserver<PriceChange>) observer;
			TestProductServer.this.lastStreamCancelled.set(false);
			call.setOnCancelHandler(() -> TestProductServer.this.lastStreamCancelled.set(true));
			if (request.getName().equals("products/p-0404")) {
				call.onError(
						Status.NOT_FOUND.withDescription("Product products/p-0404 not found").asRuntimeException());
				return;
			}
			int count = (request.getMaxChanges() > 0) ? request.getMaxChanges() : 1000;
			for (int i = 1; i <= count && !call.isCancelled(); i++) {
				call.onNext(PriceChange.newBuilder()
					.setName(request.getName())
					.setSequence(i)
					.setNewPrice(Money.newBuilder().setCurrencyCode("EUR").setAmountMinor(1000 + i))
					.build());
			}
			if (request.getName().equals("products/p-0500")) {
				call.onError(Status.DATA_LOSS.withDescription("disk on fire").asRuntimeException());
				return;
			}
			if (request.getMaxChanges() > 0) {
				call.onCompleted();
			}
		}

	}

}
