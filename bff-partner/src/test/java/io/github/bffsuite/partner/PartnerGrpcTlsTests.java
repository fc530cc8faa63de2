package io.github.bffsuite.partner;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import com.google.protobuf.Int32Value;
import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.samples.support.test.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * gRPC through bff-partner with the {@code tls} profile: a real grpc-java client speaks
 * h2 negotiated by ALPN with a certificate of a throwaway CA; the gateway forwards to the
 * gRPC server over h2c as without TLS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "EDGE_TLS_RELOAD_QUIET_PERIOD=200ms" })
@ActiveProfiles("tls")
class PartnerGrpcTlsTests extends PartnerGatewayTestSupport {

	static final GrpcBackend grpc = new GrpcBackend();

	static final TestCertificates certificates = TestCertificates.create("Partner gRPC Test CA");

	static final TestCertificates.Issued served = certificates.issue("partner", "localhost",
			"DNS:localhost,IP:127.0.0.1", "serverAuth");

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(grpc::close));
	}

	ManagedChannel channel;

	@DynamicPropertySource
	static void tls(DynamicPropertyRegistry registry) {
		registry.add("EDGE_TLS_CERT", () -> served.certificate().toString());
		registry.add("EDGE_TLS_KEY", () -> served.key().toString());
		GatewayTestFixture.route(registry, 0, "product-grpc", grpc::url, "/bffsuite.product.v1.ProductService/**");
	}

	@BeforeEach
	void openChannel() throws SSLException {
		grpc.clear();
		this.channel = NettyChannelBuilder.forAddress("localhost", this.port)
			.sslContext(GrpcSslContexts.forClient().trustManager(certificates.caCertificate().toFile()).build())
			.build();
	}

	@AfterEach
	void closeChannel() throws InterruptedException {
		this.channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
	}

	@Test
	void unaryAndServerStreamingCallsOverH2() {
		Metadata metadata = new Metadata();
		metadata.put(PartnerGrpcProxyTests.API_KEY, ACME_DEV_KEY);
		io.grpc.Channel caller = ClientInterceptors.intercept(this.channel,
				MetadataUtils.newAttachHeadersInterceptor(metadata));
		CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS);
		assertThat(ClientCalls.blockingUnaryCall(caller, GrpcBackend.GET_PRODUCT, options, StringValue.of("p-9"))
			.getValue()).isEqualTo("product p-9");
		Iterator<Int32Value> prices = ClientCalls.blockingServerStreamingCall(caller, GrpcBackend.WATCH_PRICES, options,
				StringValue.of("p-9"));
		int count = 0;
		while (prices.hasNext()) {
			assertThat(prices.next().getValue()).isEqualTo(++count);
		}
		assertThat(count).isEqualTo(GrpcBackend.PRICES);
	}

	@Test
	void refusalIsAGrpcStatusOverH2() {
		assertThatExceptionOfType(StatusRuntimeException.class)
			.isThrownBy(() -> ClientCalls.blockingUnaryCall(this.channel, GrpcBackend.GET_PRODUCT,
					CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), StringValue.of("p-9")))
			.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
		assertThat(grpc.calls()).isZero();
	}

}
