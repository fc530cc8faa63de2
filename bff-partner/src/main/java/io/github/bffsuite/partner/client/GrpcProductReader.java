package io.github.bffsuite.partner.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.github.bffsuite.clients.CursorPage;
import io.github.bffsuite.clients.Product;
import io.github.bffsuite.clients.ProductService;
import io.github.bffsuite.edge.downstream.Downstream;
import io.github.bffsuite.edge.downstream.DownstreamCall;
import io.github.bffsuite.edge.downstream.DownstreamException;
import io.github.bffsuite.edge.support.UpstreamFailures;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ListProductsRequest;
import io.github.bffsuite.product.v1.ProductFilter;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.product.v1.SearchProductsRequest;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Reads the catalogue through product-service's gRPC API
 * ({@code bffsuite.product.v1.ProductService}: {@code GetProduct}, {@code ListProducts},
 * {@code SearchProducts}) with the generated asynchronous stub: nothing blocks an event
 * loop, and a caller that goes away cancels the call.
 * <p>
 * Each call runs under the {@link Downstream} of product-service's REST client (its
 * circuit breaker, response timeout, bulkhead, retries of 502, 503 and 504 within the
 * retry budget, and the {@code edge.downstream.requests} timer), so that both transports
 * share one view of the service's health. A gRPC status is first read as the HTTP status
 * the REST API answers in that case ({@code NOT_FOUND} 404, {@code INVALID_ARGUMENT} 400,
 * {@code UNAVAILABLE} 503, {@code DEADLINE_EXCEEDED} 504, {@code INTERNAL} and other
 * failures 500) and then worded for partners as {@link DownstreamAnswers} words the REST
 * client's failures: the same problems either way. A refused connection is the REST
 * client's 502 {@code unreachable}.
 */
public class GrpcProductReader implements ProductReader {

	private static final String NAME = ProductService.NAME;

	private static final String RESOURCE_PREFIX = "products/";

	private final Channel channel;

	private final String audience;

	private final Downstream downstream;

	private final GrpcIdentityMetadata metadata;

	private final Duration deadline;

	GrpcProductReader(Channel channel, String audience, Downstream downstream, GrpcIdentityMetadata metadata,
			Duration deadline) {
		this.channel = channel;
		this.audience = audience;
		this.downstream = downstream;
		this.metadata = metadata;
		this.deadline = deadline;
	}

	@Override
	public Mono<Product> product(String id) {
		GetProductRequest request = GetProductRequest.newBuilder().setName(RESOURCE_PREFIX + id).build();
		return this.<io.github.bffsuite.product.v1.Product>call((stub, observer) -> stub.getProduct(request, observer))
			.map(GrpcProductReader::product);
	}

	@Override
	public Mono<CursorPage<Product>> search(@Nullable String category, @Nullable String q, @Nullable String cursor,
			int limit) {
		String pageToken = (cursor != null) ? cursor : "";
		if (q == null) {
			ListProductsRequest request = ListProductsRequest.newBuilder()
				.setCategory((category != null) ? category : "")
				.setPageSize(limit)
				.setPageToken(pageToken)
				.build();
			return this.<io.github.bffsuite.product.v1.ListProductsResponse>call(
					(stub, observer) -> stub.listProducts(request, observer))
				.map((response) -> page(response.getProductsList(), response.getNextPageToken()));
		}
		SearchProductsRequest request = SearchProductsRequest.newBuilder()
			.setFilter(ProductFilter.newBuilder().setQuery(q).setCategory((category != null) ? category : ""))
			.setPageSize(limit)
			.setPageToken(pageToken)
			.build();
		return this.<io.github.bffsuite.product.v1.SearchProductsResponse>call(
				(stub, observer) -> stub.searchProducts(request, observer))
			.map((response) -> page(response.getProductsList(), response.getNextPageToken()));
	}

	private <R> Mono<R> call(BiConsumer<ProductServiceGrpc.ProductServiceStub, StreamObserver<R>> invocation) {
		return this.metadata.current(this.audience)
			.flatMap((headers) -> this.downstream.execute(new UnaryCall<>(headers, invocation)))
			.flatMap((answer) -> (answer.value() != null) ? Mono.just(answer.value())
					: Mono.<R>error(failure(answer.status(), answer.grpcStatus())))
			.onErrorMap(DownstreamAnswers::problem);
	}

	/**
	 * The failure a REST answer with the status would have been: a 4xx the partner sees
	 * with the service's description, a server error a 502 that names no internals.
	 */
	private static Throwable failure(int status, Status grpcStatus) {
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		if (code.is4xxClientError()) {
			String description = grpcStatus.getDescription();
			String slug = (status == 400) ? "validation-failed" : EdgeProblems.slug(code);
			return EdgeProblems.exception(code, slug,
					(description != null && !description.isBlank()) ? description : EdgeProblems.title(code));
		}
		return DownstreamException.serverError(NAME, status);
	}

	/**
	 * The HTTP status product-service's REST API answers where its gRPC API answers a
	 * status.
	 * @param code the gRPC status code
	 * @return the HTTP status
	 */
	static int httpStatus(Status.Code code) {
		return switch (code) {
			case OK -> 200;
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
			case UNAUTHENTICATED -> 401;
			case PERMISSION_DENIED -> 403;
			case NOT_FOUND -> 404;
			case ALREADY_EXISTS, ABORTED -> 409;
			case RESOURCE_EXHAUSTED -> 429;
			case UNIMPLEMENTED -> 501;
			case UNAVAILABLE, CANCELLED -> HttpStatus.SERVICE_UNAVAILABLE.value();
			case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT.value();
			case UNKNOWN, INTERNAL, DATA_LOSS -> HttpStatus.INTERNAL_SERVER_ERROR.value();
		};
	}

	private static CursorPage<Product> page(List<io.github.bffsuite.product.v1.Product> products, String token) {
		return new CursorPage<>(products.stream().map(GrpcProductReader::product).toList(),
				token.isEmpty() ? null : token);
	}

	static Product product(io.github.bffsuite.product.v1.Product message) {
		return new Product(message.getId(), message.getDisplayName(), message.getCategory(),
				message.getPrice().getAmountMinor(), message.getPrice().getCurrencyCode(), message.getStock(),
				message.getDescription());
	}

	/**
	 * The answer of one attempt: the message, or the status the service answered.
	 */
	private record Answer<R>(@Nullable R value, int status, Status grpcStatus) {

	}

	/**
	 * One attempt of a unary call, as {@link Downstream} runs it: the service's statuses
	 * are results with an HTTP status (so that the breaker counts 5xx and 502 to 504 are
	 * retried), a connection failure is an error (so that it is the REST client's
	 * {@code unreachable}).
	 */
	private final class UnaryCall<R> implements DownstreamCall<Answer<R>> {

		private final Metadata headers;

		private final BiConsumer<ProductServiceGrpc.ProductServiceStub, StreamObserver<R>> invocation;

		UnaryCall(Metadata headers, BiConsumer<ProductServiceGrpc.ProductServiceStub, StreamObserver<R>> invocation) {
			this.headers = headers;
			this.invocation = invocation;
		}

		@Override
		public String method() {
			// what goes on the wire: gRPC calls are HTTP/2 POSTs
			return "POST";
		}

		@Override
		public boolean idempotent() {
			// reads only
			return true;
		}

		@Override
		public Mono<Answer<R>> attempt(@Nullable ServiceInstance instance, int attempt) {
			return Mono.create((sink) -> {
				ProductServiceGrpc.ProductServiceStub stub = ProductServiceGrpc.newStub(GrpcProductReader.this.channel)
					.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(this.headers))
					.withDeadlineAfter(GrpcProductReader.this.deadline.toNanos(), TimeUnit.NANOSECONDS);
				this.invocation.accept(stub, new Observer<>(sink));
			});
		}

		@Override
		public int status(Answer<R> result) {
			return result.status();
		}

		@Override
		public Mono<Void> discard(Answer<R> result) {
			return Mono.empty();
		}

	}

	/**
	 * Bridges a unary call's answer to a {@link MonoSink}; a cancelled subscription
	 * cancels the call.
	 */
	private static final class Observer<R> implements ClientResponseObserver<Object, R> {

		private final MonoSink<Answer<R>> sink;

		private @Nullable R value;

		Observer(MonoSink<Answer<R>> sink) {
			this.sink = sink;
		}

		@Override
		public void beforeStart(ClientCallStreamObserver<Object> call) {
			this.sink.onCancel(() -> call.cancel("The partner request went away or timed out", null));
		}

		@Override
		public void onNext(R value) {
			this.value = value;
		}

		@Override
		public void onError(Throwable ex) {
			if (UpstreamFailures.isConnectFailure(ex)) {
				this.sink.error(ex);
				return;
			}
			Status status = Status.fromThrowable(ex);
			this.sink.success(new Answer<>(null, httpStatus(status.getCode()), status));
		}

		@Override
		public void onCompleted() {
			R answer = this.value;
			if (answer == null) {
				this.sink.success(new Answer<>(null, 500, Status.INTERNAL.withDescription("No message")));
				return;
			}
			this.sink.success(new Answer<>(answer, 200, Status.OK));
		}

	}

}
