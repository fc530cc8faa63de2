package io.github.bffsuite.samples.support;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Fault injection of a sample service, for resilience tests and benchmarks.
 */
@ConfigurationProperties("sample.faults")
public class FaultProperties {

	/**
	 * Latency added to every API response.
	 */
	private Duration latency = Duration.ZERO;

	/**
	 * Share of API requests, from 0 to 1, answered with a 503.
	 */
	private double errorRate;

	/**
	 * Whether the dev-only {@code /admin/faults} endpoint may change faults at run time.
	 */
	private boolean adminEnabled = true;

	public Duration getLatency() {
		return this.latency;
	}

	public void setLatency(Duration latency) {
		this.latency = latency;
	}

	public double getErrorRate() {
		return this.errorRate;
	}

	public void setErrorRate(double errorRate) {
		this.errorRate = errorRate;
	}

	public boolean isAdminEnabled() {
		return this.adminEnabled;
	}

	public void setAdminEnabled(boolean adminEnabled) {
		this.adminEnabled = adminEnabled;
	}

}
