package io.github.bffsuite.edge.grpc.proxy;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of gRPC through the edge as gRPC: the edge's problems answered to
 * gRPC calls as gRPC statuses and, with Spring Cloud Gateway, gRPC calls routed to their
 * upstream over HTTP/2.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.gateway.config.GatewayAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = "edge.grpc.proxy.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeGrpcProxyProperties.class)
public final class EdgeGrpcProxyAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GrpcProblemRenderer grpcProblemRenderer(EdgeGrpcProxyProperties properties,
			ObjectProvider<MeterRegistry> registry) {
		return new GrpcProblemRenderer(properties.getErrorDomain(), registry.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyRoutingFilter.class)
	@ConditionalOnBean(NettyRoutingFilter.class)
	static class RoutingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		GrpcRoutingFilter grpcRoutingFilter(HttpClient httpClient,
				ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties) {
			return new GrpcRoutingFilter(httpClient, headersFilters, properties);
		}

	}

}
