package io.github.bffsuite.samples.product.grpc;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the product-service's gRPC server.
 */
@ConfigurationProperties("product.grpc")
public class ProductGrpcProperties {

	/**
	 * Whether to serve the gRPC API beside the REST API.
	 */
	private boolean enabled = true;

	/**
	 * Port of the plaintext (h2c) gRPC server; 0 for a free port.
	 */
	private int port = 9033;

	/**
	 * How long a stop waits for calls in flight before it cancels them.
	 */
	private Duration shutdownGracePeriod = Duration.ofSeconds(10);

	/**
	 * Time between two price changes of a WatchPrices stream.
	 */
	private Duration priceChangeInterval = Duration.ofSeconds(1);

	/**
	 * Largest request message the server accepts.
	 */
	private int maxInboundMessageSize = 4 * 1024 * 1024;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public Duration getShutdownGracePeriod() {
		return this.shutdownGracePeriod;
	}

	public void setShutdownGracePeriod(Duration shutdownGracePeriod) {
		this.shutdownGracePeriod = shutdownGracePeriod;
	}

	public Duration getPriceChangeInterval() {
		return this.priceChangeInterval;
	}

	public void setPriceChangeInterval(Duration priceChangeInterval) {
		this.priceChangeInterval = priceChangeInterval;
	}

	public int getMaxInboundMessageSize() {
		return this.maxInboundMessageSize;
	}

	public void setMaxInboundMessageSize(int maxInboundMessageSize) {
		this.maxInboundMessageSize = maxInboundMessageSize;
	}

}
