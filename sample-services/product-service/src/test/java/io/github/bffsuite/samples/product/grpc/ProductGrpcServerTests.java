package io.github.bffsuite.samples.product.grpc;

import java.util.concurrent.TimeUnit;

import io.github.bffsuite.product.v1.GetProductRequest;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.github.bffsuite.samples.product.ProductServiceApplication;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the lifecycle of {@link ProductGrpcServer}.
 */
class ProductGrpcServerTests {

	@Test
	void listensWhileTheContextRunsAndStopsWithIt() throws InterruptedException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProductServiceApplication.class)
			.run("--server.port=0", "--product.grpc.port=0");
		ProductGrpcServer server = context.getBean(ProductGrpcServer.class);
		int port = server.getPort();
		assertThat(server.isRunning()).isTrue();
		assertThat(port).isPositive();
		ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
		try {
			var stub = ProductServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
			GetProductRequest request = GetProductRequest.newBuilder().setName("products/p-0001").build();
			assertThat(stub.getProduct(request).getId()).isEqualTo("p-0001");
			context.close();
			assertThat(server.isRunning()).isFalse();
			ManagedChannel fresh = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
			try {
				assertThatExceptionOfType(StatusRuntimeException.class)
					.isThrownBy(() -> ProductServiceGrpc.newBlockingStub(fresh)
						.withDeadlineAfter(30, TimeUnit.SECONDS)
						.getProduct(request))
					.satisfies((ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
			}
			finally {
				fresh.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			}
		}
		finally {
			channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
			context.close();
		}
	}

	@Test
	void staysOffWhenDisabled() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProductServiceApplication.class)
			.run("--server.port=0", "--product.grpc.enabled=false")) {
			assertThat(context.getBeanNamesForType(ProductGrpcServer.class)).isEmpty();
		}
	}

}
