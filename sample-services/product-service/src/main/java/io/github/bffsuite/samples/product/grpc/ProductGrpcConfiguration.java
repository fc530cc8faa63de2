package io.github.bffsuite.samples.product.grpc;

import java.util.List;

import io.github.bffsuite.samples.product.data.ProductCatalogue;
import io.grpc.BindableService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Serves the gRPC API on {@code product.grpc.port} unless {@code product.grpc.enabled} is
 * {@code false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProductGrpcProperties.class)
@ConditionalOnBooleanProperty(name = "product.grpc.enabled", matchIfMissing = true)
class ProductGrpcConfiguration {

	@Bean
	ProductGrpcService productGrpcService(ProductCatalogue catalogue, ProductGrpcProperties properties) {
		return new ProductGrpcService(catalogue, new PriceChanges(properties.getPriceChangeInterval()));
	}

	@Bean
	ProductGrpcServer productGrpcServer(List<BindableService> services, ProductGrpcProperties properties) {
		return new ProductGrpcServer(services, properties);
	}

}
