package io.github.bffsuite.samples.order.config;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import io.github.bffsuite.samples.order.data.OrderStore;
import io.github.bffsuite.samples.order.data.SampleOrders;
import io.github.bffsuite.samples.order.fulfilment.Fulfilment;
import io.github.bffsuite.samples.order.product.ProductCatalogClient;
import io.github.bffsuite.samples.order.service.OrderService;
import io.github.bffsuite.samples.order.web.IdempotentRequests;

/**
 * Wires the store, the product-service client, fulfilment and idempotency.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrderServiceProperties.class)
class OrderServiceConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	OrderStore orderStore() {
		return new OrderStore(SampleOrders.generate());
	}

	@Bean
	ProductCatalogClient productCatalogClient(OrderServiceProperties properties, JsonMapper jsonMapper,
			SslBundles sslBundles) {
		OrderServiceProperties.ProductService productService = properties.getProductService();
		String sslBundle = productService.getSslBundle();
		return new ProductCatalogClient(productService.getBaseUrl(), productService.getTimeout(), jsonMapper,
				StringUtils.hasText(sslBundle) ? sslBundles.getBundle(sslBundle) : null);
	}

	@Bean
	Fulfilment fulfilment(OrderStore store, OrderServiceProperties properties, Clock clock) {
		return new Fulfilment(store, properties.getFulfilment().getStep(), clock);
	}

	@Bean
	OrderService orderService(OrderStore store, ProductCatalogClient catalog, Fulfilment fulfilment, Clock clock) {
		return new OrderService(store, catalog, fulfilment, clock);
	}

	@Bean
	IdempotentRequests idempotentRequests() {
		return new IdempotentRequests();
	}

}
