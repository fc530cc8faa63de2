package io.github.bffsuite.samples.product.grpc;

import java.util.List;

import io.github.bffsuite.samples.product.data.ProductCatalogue;
import io.github.bffsuite.product.v1.ProductServiceGrpc;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

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

	/**
	 * The standard health service ({@code grpc.health.v1.Health}): {@code SERVING} for
	 * the server as a whole and for {@code bffsuite.product.v1.ProductService} while the
	 * context runs.
	 * @return the health status manager
	 */
	@Bean
	HealthStatusManager productGrpcHealth() {
		HealthStatusManager health = new HealthStatusManager();
		health.setStatus(ProductServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
		return health;
	}

	@Bean
	BindableService productGrpcHealthService(HealthStatusManager health) {
		return health.getHealthService();
	}

	@Bean
	ProductGrpcServer productGrpcServer(List<BindableService> services, ProductGrpcProperties properties) {
		return new ProductGrpcServer(services, properties);
	}

}
