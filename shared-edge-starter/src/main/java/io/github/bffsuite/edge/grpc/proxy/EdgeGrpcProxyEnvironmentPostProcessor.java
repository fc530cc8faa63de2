package io.github.bffsuite.edge.grpc.proxy;

import java.util.Map;
import java.util.function.BiPredicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Switches Spring Cloud Gateway's {@code JsonToGrpc} filter off by default when grpc-java
 * is on the class path without the unshaded {@code grpc-netty}: the gateway's
 * auto-configuration turns the filter on for {@code io.grpc.Channel} alone, and its SSL
 * configurer then fails the start for want of {@code io.grpc.netty.NettyChannelBuilder}
 * (grpc-netty-shaded, which gRPC clients and servers usually bring, does not have it). A
 * property set anywhere wins over this default.
 */
public class EdgeGrpcProxyEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String JSON_TO_GRPC_ENABLED = "spring.cloud.gateway.server.webflux.filter.json-to-grpc.enabled";

	private final BiPredicate<String, @Nullable ClassLoader> present;

	public EdgeGrpcProxyEnvironmentPostProcessor() {
		this(ClassUtils::isPresent);
	}

	EdgeGrpcProxyEnvironmentPostProcessor(BiPredicate<String, @Nullable ClassLoader> present) {
		this.present = present;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (this.present.test("io.grpc.Channel", classLoader)
				&& !this.present.test("io.grpc.netty.NettyChannelBuilder", classLoader)
				&& !environment.containsProperty(JSON_TO_GRPC_ENABLED)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("edgeGrpcProxyDefaults", Map.of(JSON_TO_GRPC_ENABLED, "false")));
		}
	}

}
