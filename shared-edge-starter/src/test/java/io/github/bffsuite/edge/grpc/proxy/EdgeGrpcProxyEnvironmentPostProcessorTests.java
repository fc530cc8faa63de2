package io.github.bffsuite.edge.grpc.proxy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeGrpcProxyEnvironmentPostProcessor}.
 */
class EdgeGrpcProxyEnvironmentPostProcessorTests {

	@Test
	void switchesJsonToGrpcOffWithGrpcButWithoutUnshadedGrpcNetty() {
		StandardEnvironment environment = new StandardEnvironment();
		processor(Set.of("io.grpc.Channel")).postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(EdgeGrpcProxyEnvironmentPostProcessor.JSON_TO_GRPC_ENABLED))
			.isEqualTo("false");
	}

	@Test
	void leavesJsonToGrpcAloneWithUnshadedGrpcNetty() {
		StandardEnvironment environment = new StandardEnvironment();
		processor(Set.of("io.grpc.Channel", "io.grpc.netty.NettyChannelBuilder")).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.containsProperty(EdgeGrpcProxyEnvironmentPostProcessor.JSON_TO_GRPC_ENABLED)).isFalse();
	}

	@Test
	void leavesJsonToGrpcAloneWithoutGrpc() {
		StandardEnvironment environment = new StandardEnvironment();
		processor(Set.of()).postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.containsProperty(EdgeGrpcProxyEnvironmentPostProcessor.JSON_TO_GRPC_ENABLED)).isFalse();
	}

	@Test
	void keepsTheUsersSetting() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty(EdgeGrpcProxyEnvironmentPostProcessor.JSON_TO_GRPC_ENABLED, "true");
		processor(Set.of("io.grpc.Channel")).postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(EdgeGrpcProxyEnvironmentPostProcessor.JSON_TO_GRPC_ENABLED))
			.isEqualTo("true");
	}

	/**
	 * A post-processor that sees the named classes, and no other grpc-java class.
	 */
	private static EdgeGrpcProxyEnvironmentPostProcessor processor(Set<String> present) {
		return new EdgeGrpcProxyEnvironmentPostProcessor((name, classLoader) -> present.contains(name));
	}

}
