package io.github.bffsuite.edge.grpc.transcoding;

import io.grpc.ManagedChannel;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeGrpcTranscodingAutoConfiguration}.
 */
class EdgeGrpcTranscodingAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EdgeGrpcTranscodingAutoConfiguration.class));

	@Test
	void readsEachServicesRulesAndClosesItsChannelWithTheContext() {
		ManagedChannel[] channel = new ManagedChannel[1];
		this.runner
			.withPropertyValues("edge.grpc.services.products.address=127.0.0.1:1",
					"edge.grpc.services.products.descriptor-set=classpath:META-INF/grpc/bffsuite-product-v1.desc")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(GrpcTranscodeGatewayFilterFactory.class)
					.hasSingleBean(GrpcTranscoder.class);
				GrpcBackend backend = context.getBean(GrpcBackends.class).get("products");
				assertThat(backend).isNotNull();
				assertThat(backend.bindings()).extracting(HttpBinding::path)
					.contains("/v1/{name=products/*}", "/v1/products", "/v1/products:search",
							"/v1/categories/{filter.category}/products:search", "/v1/{name=products/*}:watchPrices");
				channel[0] = backend.channel();
			});
		assertThat(channel[0].isShutdown()).isTrue();
	}

	@Test
	void failsFastOnAServiceWithoutAnAddressOrAReadableDescriptorSet() {
		this.runner
			.withPropertyValues(
					"edge.grpc.services.products.descriptor-set=classpath:META-INF/grpc/bffsuite-product-v1.desc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("edge.grpc.services.products.address"));
		this.runner
			.withPropertyValues("edge.grpc.services.products.address=127.0.0.1:1",
					"edge.grpc.services.products.descriptor-set=classpath:nope.desc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("nope.desc"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("edge.grpc.transcoding.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcTranscoder.class));
	}

	@Test
	void backsOffWithoutGrpcJava() {
		this.runner.withClassLoader(new FilteredClassLoader(ManagedChannel.class))
			.run((context) -> assertThat(context).doesNotHaveBean(GrpcBackends.class));
	}

}
