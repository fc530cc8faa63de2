package io.github.bffsuite.samples.product.release;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which release this product-service instance is and how badly it behaves, so that one
 * jar can run as the stable version and as a canary or shadow
 * ({@code ./suite up --canary}, {@code --shadow}). Dev-only: a real service has no fault
 * knobs.
 */
@ConfigurationProperties("product")
public class ProductReleaseProperties {

	/**
	 * Release of this instance.
	 */
	private final Release release = new Release();

	/**
	 * Faults injected into the /products API (never into /actuator).
	 */
	private final Fault fault = new Fault();

	public Release getRelease() {
		return this.release;
	}

	public Fault getFault() {
		return this.fault;
	}

	/**
	 * The release of an instance.
	 */
	public static class Release {

		/**
		 * Version named on every answer in the X-Product-Version header.
		 */
		private String version = "v1";

		public String getVersion() {
			return this.version;
		}

		public void setVersion(String version) {
			this.version = version;
		}

	}

	/**
	 * Faults of the /products API.
	 */
	public static class Fault {

		/**
		 * Share of /products requests, from 0 to 1, answered with a 500; spread evenly,
		 * so 0.2 fails every fifth request.
		 */
		private double errorRate;

		/**
		 * Latency added to every /products answer.
		 */
		private Duration latency = Duration.ZERO;

		public double getErrorRate() {
			return this.errorRate;
		}

		public void setErrorRate(double errorRate) {
			this.errorRate = errorRate;
		}

		public Duration getLatency() {
			return this.latency;
		}

		public void setLatency(Duration latency) {
			this.latency = latency;
		}

	}

}
