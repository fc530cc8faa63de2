package io.github.bffsuite.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * A real grpc-java server on a free port (h2c, as product-service serves gRPC): a
 * stand-in for {@code bffsuite.product.v1.ProductService} built without generated code
 * (protobuf's wrapper messages as requests and answers) and the standard health service.
 * It records the metadata of every call.
 */
final class GrpcBackend implements AutoCloseable {

	static final String SERVICE = "bffsuite.product.v1.ProductService";

	/** Unary: answers {@code product <id>}, or NOT_FOUND for the id {@code missing}. */
	static final MethodDescriptor<StringValue, StringValue> GET_PRODUCT = MethodDescriptor
		.<StringValue, StringValue>newBuilder()
		.setType(MethodDescriptor.MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "GetProduct"))
		.setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
		.build();

	/**
	 * Server streaming: the prices 1, 2, 3, each sent only once the test has seen the one
	 * before (so a gateway that held messages back would stall it), then OK; for the id
	 * {@code closing}, ABORTED after them.
	 */
	static final MethodDescriptor<StringValue, Int32Value> WATCH_PRICES = MethodDescriptor
		.<StringValue, Int32Value>newBuilder()
		.setType(MethodDescriptor.MethodType.SERVER_STREAMING)
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "WatchPrices"))
		.setRequestMarshaller(ProtoUtils.marshaller(StringValue.getDefaultInstance()))
		.setResponseMarshaller(ProtoUtils.marshaller(Int32Value.getDefaultInstance()))
		.build();

	/** Unary: answers only once the test lets it ({@link #release()}). */
	static final MethodDescriptor<StringValue, StringValue> GET_PRODUCT_SLOWLY = GET_PRODUCT.toBuilder()
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "GetProductSlowly"))
		.build();

	/** A method the stand-in does not serve. */
	static final MethodDescriptor<StringValue, StringValue> UNKNOWN_METHOD = GET_PRODUCT.toBuilder()
		.setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "DeleteEverything"))
		.build();

	static final int PRICES = 3;

	private final BlockingQueue<Metadata> calls = new LinkedBlockingQueue<>();

	private final HealthStatusManager health = new HealthStatusManager();

	private volatile List<CountDownLatch> seen = List.of();

	private volatile CountDownLatch released = new CountDownLatch(1);

	private final Server server;

	GrpcBackend() {
		ServerInterceptor recorder = new ServerInterceptor() {

			@Override
			public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
					ServerCallHandler<Q, A> next) {
				GrpcBackend.this.calls.add(headers);
				return next.startCall(call, headers);
			}

		};
		ServerServiceDefinition products = ServerServiceDefinition.builder(SERVICE)
			.addMethod(GET_PRODUCT, ServerCalls.asyncUnaryCall(this::getProduct))
			.addMethod(WATCH_PRICES, ServerCalls.asyncServerStreamingCall(this::watchPrices))
			.addMethod(GET_PRODUCT_SLOWLY, ServerCalls.asyncUnaryCall(this::getProductSlowly))
			.build();
		try {
			this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
				.addService(ServerInterceptors.intercept(products, recorder))
				.addService(ServerInterceptors.intercept(this.health.getHealthService(), recorder))
				.build()
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void getProduct(StringValue id, StreamObserver<StringValue> answer) {
		if (id.getValue().equals("missing")) {
			// a message with characters gRPC percent-encodes on the wire
			answer.onError(Status.NOT_FOUND.withDescription("no product 'missing' (100% sure) \u2013 sorry")
				.asRuntimeException());
			return;
		}
		answer.onNext(StringValue.of("product " + id.getValue()));
		answer.onCompleted();
	}

	private void getProductSlowly(StringValue id, StreamObserver<StringValue> answer) {
		try {
			// on grpc-java's call executor: blocking it holds this call only
			if (this.released.await(60, TimeUnit.SECONDS)) {
				answer.onNext(StringValue.of("product " + id.getValue()));
				answer.onCompleted();
				return;
			}
			answer.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			answer.onError(Status.CANCELLED.asRuntimeException());
		}
	}

	/**
	 * Let the calls of {@link #GET_PRODUCT_SLOWLY} answer.
	 */
	void release() {
		this.released.countDown();
	}

	private void watchPrices(StringValue id, StreamObserver<Int32Value> answer) {
		List<CountDownLatch> seen = this.seen;
		// off the transport thread: the stream waits for the test between messages
		Thread stream = new Thread(() -> {
			try {
				for (int price = 1; price <= PRICES; price++) {
					answer.onNext(Int32Value.of(price));
					if (price - 1 < seen.size() && !seen.get(price - 1).await(60, TimeUnit.SECONDS)) {
						answer.onError(Status.DEADLINE_EXCEEDED.withDescription("the test never saw the price")
							.asRuntimeException());
						return;
					}
				}
				if (id.getValue().equals("closing")) {
					answer.onError(Status.ABORTED.withDescription("price feed closed").asRuntimeException());
				}
				else {
					answer.onCompleted();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answer.onError(Status.CANCELLED.asRuntimeException());
			}
		}, "grpc-backend-prices");
		stream.setDaemon(true);
		stream.start();
	}

	/**
	 * Make the next {@link #WATCH_PRICES} streams wait for these latches, one per price.
	 * @param seen counted down by the test as it reads each price
	 */
	void pace(List<CountDownLatch> seen) {
		this.seen = List.copyOf(seen);
	}

	HealthStatusManager health() {
		return this.health;
	}

	/**
	 * The metadata of the next call the server received.
	 * @return the metadata, or {@code null} when no call came within a wide bound
	 * @throws InterruptedException when interrupted
	 */
	Metadata nextCall() throws InterruptedException {
		return this.calls.poll(30, TimeUnit.SECONDS);
	}

	/**
	 * How many calls the server received since the last {@link #clear()} and not taken
	 * with {@link #nextCall()}.
	 * @return the number of calls
	 */
	int calls() {
		return this.calls.size();
	}

	void clear() {
		this.calls.clear();
		this.seen = List.of();
		this.released.countDown();
		this.released = new CountDownLatch(1);
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getPort();
	}

	@Override
	public void close() {
		this.server.shutdownNow();
	}

}
