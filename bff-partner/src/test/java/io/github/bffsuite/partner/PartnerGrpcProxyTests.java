package io.github.bffsuite.partner;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * gRPC through bff-partner as gRPC: a real grpc-java client calls the running gateway
 * over h2c (prior knowledge, on the port that serves HTTP/1.1 too), which authenticates
 * with the metadata, rate-limits and forwards to a real grpc-java server over h2c. The
 * edge's refusals are gRPC statuses with {@code google.rpc} details.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.rate-limit.policies.basic-burst.capacity=3",
				"edge.rate-limit.policies.basic-burst.refill-tokens=3",
				"edge.rate-limit.policies.basic-burst.refill-period=60s" })
class PartnerGrpcProxyTests extends PartnerGatewayTestSupport {

	static final GrpcBackend grpc = new GrpcBackend();

	static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

	static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(grpc::close));
	}

	@Autowired
	MeterRegistry registry;

	ManagedChannel channel;

	@DynamicPropertySource
	static void grpcRoutes(DynamicPropertyRegistry registry) {
		// the routes of application.yml, to the test's server, and one to a port nobody
		// listens on
		GatewayTestFixture.route(registry, 0, "product-grpc-down", () -> "http://127.0.0.1:" + closedPort(),
				"/bffsuite.product.v1.ProductService/GetDiscontinued");
		GatewayTestFixture.route(registry, 1, "product-grpc-slow", grpc::url,
				"/bffsuite.product.v1.ProductService/GetProductSlowly");
		registry.add("spring.cloud.gateway.server.webflux.routes[1].metadata.response-timeout", () -> "300");
		GatewayTestFixture.route(registry, 2, "product-grpc", grpc::url, "/bffsuite.product.v1.ProductService/**");
		GatewayTestFixture.route(registry, 3, "product-grpc-health", grpc::url, "/grpc.health.v1.Health/**");
	}

	@BeforeEach
	void openChannel() {
		grpc.clear();
		this.channel = NettyChannelBuilder.forAddress("127.0.0.1", this.port).usePlaintext().build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void unaryCallWithApiKeyReachesTheServiceWithTheCallersIdentity() throws InterruptedException {
		Metadata metadata = apiKey(ACME_DEV_KEY);
		// a client's own identity metadata never reaches the service
		metadata.put(key("x-user-id"), "admin");
		metadata.put(key("x-tenant-id"), "globex");
		metadata.put(key("x-scopes"), "keys:admin");
		AtomicReference<Metadata> headers = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		Channel capturing = ClientInterceptors.intercept(with(metadata),
				MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));
		StringValue product = ClientCalls.blockingUnaryCall(capturing, GrpcBackend.GET_PRODUCT, options(),
				StringValue.of("p-1"));
		assertThat(product.getValue()).isEqualTo("product p-1");
		Metadata upstream = grpc.nextCall();
		assertThat(upstream).isNotNull();
		assertThat(upstream.get(key("x-tenant-id"))).isEqualTo("acme");
		assertThat(upstream.get(key("x-user-id"))).isNotEqualTo("admin");
		assertThat(upstream.get(key("x-scopes"))).contains("products:read").doesNotContain("keys:admin");
		assertThat(upstream.get(key("x-request-id"))).isNotBlank();
		// the rate limit figures as initial metadata, the status as the service's
		// trailers
		assertThat(headers.get().get(key("ratelimit-policy"))).contains("pro-burst");
		assertThat(headers.get().get(key("ratelimit"))).isNotBlank();
		assertThat(headers.get().get(key("x-request-id"))).isEqualTo(upstream.get(key("x-request-id")));
		assertThat(trailers.get().get(key("grpc-status"))).isNull(); // parsed by
																		// grpc-java: OK
	}

	@Test
	void unaryCallWithJwtReachesTheService() throws InterruptedException {
		Metadata metadata = new Metadata();
		metadata.put(AUTHORIZATION, "Bearer " + partnerToken("initech", "products:read"));
		StringValue product = ClientCalls.blockingUnaryCall(with(metadata), GrpcBackend.GET_PRODUCT, options(),
				StringValue.of("p-2"));
		assertThat(product.getValue()).isEqualTo("product p-2");
		Metadata upstream = grpc.nextCall();
		assertThat(upstream.get(key("x-tenant-id"))).isEqualTo("initech");
		assertThat(upstream.get(key("x-client-id"))).isEqualTo("partner-initech");
		assertThat(upstream.get(AUTHORIZATION)).startsWith("Bearer ");
	}

	@Test
	void serverStreamingCallStreamsEachMessageThenTheTrailers() {
		List<CountDownLatch> seen = new ArrayList<>();
		for (int i = 0; i < GrpcBackend.PRICES; i++) {
			seen.add(new CountDownLatch(1));
		}
		grpc.pace(seen);
		Iterator<Int32Value> prices = ClientCalls.blockingServerStreamingCall(with(apiKey(ACME_DEV_KEY)),
				GrpcBackend.WATCH_PRICES, options(), StringValue.of("p-1"));
		List<Integer> received = new ArrayList<>();
		for (int i = 0; i < GrpcBackend.PRICES; i++) {
			// the server sends the next price only after this one arrived
			received.add(prices.next().getValue());
			seen.get(i).countDown();
		}
		assertThat(prices.hasNext()).isFalse(); // the OK trailers ended the stream
		assertThat(received).containsExactly(1, 2, 3);
	}

	@Test
	void serverStreamingCallEndsWithTheServicesErrorStatusInTheTrailers() {
		Iterator<Int32Value> prices = ClientCalls.blockingServerStreamingCall(with(apiKey(ACME_DEV_KEY)),
				GrpcBackend.WATCH_PRICES, options(), StringValue.of("closing"));
		List<Integer> received = new ArrayList<>();
		StatusRuntimeException ended = null;
		try {
			prices.forEachRemaining((price) -> received.add(price.getValue()));
		}
		catch (StatusRuntimeException ex) {
			ended = ex;
		}
		assertThat(received).containsExactly(1, 2, 3);
		assertThat(ended).isNotNull();
		assertThat(ended.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
		assertThat(ended.getStatus().getDescription()).isEqualTo("price feed closed");
	}

	@Test
	void servicesErrorStatusAndMessagePassThrough() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> ClientCalls.blockingUnaryCall(with(apiKey(ACME_DEV_KEY)), GrpcBackend.GET_PRODUCT,
					options(), StringValue.of("missing")))
			.satisfies((ex) -> {
				assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
				assertThat(ex.getStatus().getDescription()).isEqualTo("no product 'missing' (100% sure) \u2013 sorry");
			});
	}

	@Test
	void unknownMethodOfARoutedServiceIsTheServicesUnimplemented() {
		StatusRuntimeException ex = failure(with(apiKey(ACME_DEV_KEY)), GrpcBackend.UNKNOWN_METHOD);
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED);
	}

	@Test
	void healthCheckPassesThrough() {
		grpc.health().setStatus("", HealthCheckResponse.ServingStatus.SERVING);
		HealthCheckResponse answer = HealthGrpc.newBlockingStub(with(apiKey(ACME_DEV_KEY)))
			.withDeadlineAfter(30, TimeUnit.SECONDS)
			.check(HealthCheckRequest.getDefaultInstance());
		assertThat(answer.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
	}

	@Test
	void noCredentialIsUnauthenticated() throws InvalidProtocolBufferException {
		StatusRuntimeException ex = failure(this.channel, GrpcBackend.GET_PRODUCT);
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		ErrorInfo info = errorInfo(ex);
		assertThat(info.getReason()).isEqualTo("UNAUTHENTICATED");
		assertThat(info.getDomain()).isEqualTo("bff-suite.dev");
		assertThat(info.getMetadataMap()).containsEntry("type", "https://bff-suite.dev/problems/unauthenticated")
			.containsEntry("status", "401")
			.containsEntry("instance", "/bffsuite.product.v1.ProductService/GetProduct");
		assertThat(details(ex, RequestInfo.class).getRequestId()).isNotBlank();
		assertThat(grpc.calls()).isZero();
	}

	@Test
	void invalidApiKeyIsUnauthenticated() {
		StatusRuntimeException ex = failure(with(apiKey("bffk_test_acme_notavalidkeyatall")), GrpcBackend.GET_PRODUCT);
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
		assertThat(ex.getStatus().getDescription()).isNotBlank();
	}

	@Test
	void wrongScopeIsPermissionDenied() throws InvalidProtocolBufferException {
		Metadata metadata = new Metadata();
		metadata.put(AUTHORIZATION, "Bearer " + partnerToken("initech", "orders:read"));
		StatusRuntimeException ex = failure(with(metadata), GrpcBackend.GET_PRODUCT);
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
		assertThat(errorInfo(ex).getMetadataMap()).containsEntry("status", "403");
		assertThat(grpc.calls()).isZero();
	}

	@Test
	void overTheQuotaIsResourceExhaustedWithRetryInfo() throws InvalidProtocolBufferException {
		// plan basic (globex), its burst bucket cut to 3 for this test; a client of its
		// own
		Metadata metadata = new Metadata();
		metadata.put(AUTHORIZATION,
				"Bearer " + keys.token()
					.audience("bff-partner")
					.claim("sub", "partner-globex-grpc")
					.claim("client_id", "partner-globex-grpc")
					.claim("tenant_id", "globex")
					.claim("scope", "products:read")
					.build());
		Channel caller = with(metadata);
		for (int i = 0; i < 3; i++) {
			ClientCalls.blockingUnaryCall(caller, GrpcBackend.GET_PRODUCT, options(), StringValue.of("p-" + i));
		}
		AtomicReference<Metadata> headers = new AtomicReference<>();
		AtomicReference<Metadata> trailers = new AtomicReference<>();
		StatusRuntimeException ex = failure(
				ClientInterceptors.intercept(caller, MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)),
				GrpcBackend.GET_PRODUCT);
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		// the problem type of a 429 in draft-10 syntax: quota-exceeded
		assertThat(errorInfo(ex).getReason()).isEqualTo("QUOTA_EXCEEDED");
		assertThat(errorInfo(ex).getMetadataMap())
			.containsEntry("type", "https://bff-suite.dev/problems/quota-exceeded")
			.containsEntry("policy", "basic-burst")
			.containsEntry("violated-policies", "basic-burst");
		RetryInfo retry = details(ex, RetryInfo.class);
		assertThat(retry.getRetryDelay().getSeconds()).isBetween(1L, 60L);
		// a trailers-only answer: its metadata comes as trailers, with the rate limit
		// figures
		assertThat(trailers.get().get(key("retry-after"))).isEqualTo(Long.toString(retry.getRetryDelay().getSeconds()));
		assertThat(trailers.get().get(key("ratelimit-policy"))).contains("basic-burst");
	}

	@Test
	void upstreamDownIsUnavailable() throws InvalidProtocolBufferException {
		StatusRuntimeException ex = failure(with(apiKey(ACME_DEV_KEY)),
				GrpcBackend.GET_PRODUCT.toBuilder()
					.setFullMethodName("bffsuite.product.v1.ProductService/GetDiscontinued")
					.build());
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
		assertThat(errorInfo(ex).getReason()).isEqualTo("BAD_GATEWAY");
	}

	@Test
	void grpcCallsTakeTheEdgesFilterChainForTheirStreamedBody() {
		// over HTTP/2 a request body has no Content-Length (Netty marks it chunked): the
		// fast
		// path leaves it to the chain, whose request limits count the streamed bytes
		double chain = fastPath("chain", "limits");
		double fast = fastPath("fast", "fast");
		ClientCalls.blockingUnaryCall(with(apiKey(ACME_DEV_KEY)), GrpcBackend.GET_PRODUCT, options(),
				StringValue.of("p-3"));
		assertThat(fastPath("chain", "limits")).isEqualTo(chain + 1);
		assertThat(fastPath("fast", "fast")).isEqualTo(fast);
	}

	private double fastPath(String path, String reason) {
		Counter counter = this.registry.find("edge.fastpath.requests")
			.tag("path", path)
			.tag("reason", reason)
			.counter();
		assertThat(counter).as("edge.fastpath.requests " + path + "/" + reason).isNotNull();
		return counter.count();
	}

	@Test
	void upstreamTooSlowIsDeadlineExceeded() throws InvalidProtocolBufferException {
		try {
			// the route's response timeout (300 ms) ends it; the server answers only when
			// released
			StatusRuntimeException ex = failure(with(apiKey(ACME_DEV_KEY)), GrpcBackend.GET_PRODUCT_SLOWLY);
			assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
			assertThat(errorInfo(ex).getReason()).isEqualTo("GATEWAY_TIMEOUT");
		}
		finally {
			grpc.release();
		}
	}

	@Test
	void requestOverTheBodyLimitIsResourceExhausted() throws InvalidProtocolBufferException {
		// edge.web.limits.max-body-size (1 MB) counts the streamed request
		String large = "x".repeat(1_200_000);
		StatusRuntimeException ex = null;
		try {
			ClientCalls.blockingUnaryCall(with(apiKey(ACME_DEV_KEY)), GrpcBackend.GET_PRODUCT, options(),
					StringValue.of(large));
		}
		catch (StatusRuntimeException failure) {
			ex = failure;
		}
		assertThat(ex).as("the call succeeded").isNotNull();
		assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
		assertThat(errorInfo(ex).getReason()).isEqualTo("PAYLOAD_TOO_LARGE");
	}

	@Test
	void restRoutesStillServeHttp11() {
		this.client.get()
			.uri("/partner/v2/products?category=books")
			.header("X-API-Key", ACME_DEV_KEY)
			.exchange()
			.expectStatus()
			.isOk();
		// and a REST client still gets problem+json
		this.client.get()
			.uri("/partner/v2/products?category=books")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType("application/problem+json");
	}

	private StatusRuntimeException failure(Channel channel, io.grpc.MethodDescriptor<StringValue, StringValue> method) {
		try {
			ClientCalls.blockingUnaryCall(channel, method, options(), StringValue.of("p-1"));
		}
		catch (StatusRuntimeException ex) {
			return ex;
		}
		throw new AssertionError("the call succeeded");
	}

	private static ErrorInfo errorInfo(StatusRuntimeException ex) throws InvalidProtocolBufferException {
		return details(ex, ErrorInfo.class);
	}

	private static <T extends com.google.protobuf.Message> T details(StatusRuntimeException ex, Class<T> type)
			throws InvalidProtocolBufferException {
		com.google.rpc.Status status = StatusProto.fromThrowable(ex);
		assertThat(status).as("grpc-status-details-bin").isNotNull();
		assertThat(status.getCode()).isEqualTo(ex.getStatus().getCode().value());
		for (Any detail : status.getDetailsList()) {
			if (detail.is(type)) {
				return detail.unpack(type);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + status.getDetailsList());
	}

	private Channel with(Metadata metadata) {
		return ClientInterceptors.intercept(this.channel, MetadataUtils.newAttachHeadersInterceptor(metadata));
	}

	private static Metadata apiKey(String key) {
		Metadata metadata = new Metadata();
		metadata.put(API_KEY, key);
		return metadata;
	}

	private static Metadata.Key<String> key(String name) {
		return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
	}

	private static CallOptions options() {
		return CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
