package io.github.bffsuite.samples.order.config;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the order-service under the {@code order} prefix.
 */
@ConfigurationProperties("order")
public class OrderServiceProperties {

	private final ProductService productService = new ProductService();

	private final Fulfilment fulfilment = new Fulfilment();

	public ProductService getProductService() {
		return this.productService;
	}

	public Fulfilment getFulfilment() {
		return this.fulfilment;
	}

	/**
	 * East-west calls to product-service.
	 */
	public static class ProductService {

		/**
		 * Base URL of product-service, which answers {@code GET /products?ids=...}.
		 */
		private URI baseUrl = URI.create("http://localhost:9003");

		/**
		 * Longest wait for product-service, connecting included, before answering 503.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) for an HTTPS base URL: the client
		 * certificate presented to product-service and the CAs trusted for its
		 * certificate. Without one, HTTPS calls trust the JVM's default CAs and present
		 * no certificate.
		 */
		private @Nullable String sslBundle;

		public URI getBaseUrl() {
			return this.baseUrl;
		}

		public void setBaseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Simulated fulfilment of orders.
	 */
	public static class Fulfilment {

		/**
		 * Time between two status changes of an order being fulfilled.
		 */
		private Duration step = Duration.ofSeconds(2);

		public Duration getStep() {
			return this.step;
		}

		public void setStep(Duration step) {
			this.step = step;
		}

	}

}
