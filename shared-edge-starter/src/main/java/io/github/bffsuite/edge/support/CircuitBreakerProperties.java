package io.github.bffsuite.edge.support;

import java.time.Duration;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

/**
 * Circuit breaker settings, one set of names wherever the edge guards calls with a
 * circuit breaker (downstream services, the Redis rate limit store). The defaults are
 * tuned for interactive traffic: open quickly when most calls fail or are slow, probe
 * again soon.
 */
public class CircuitBreakerProperties {

	/**
	 * Whether calls go through a circuit breaker.
	 */
	private boolean enabled = true;

	/**
	 * Percentage of failed calls in the sliding window at which the circuit opens.
	 */
	private float failureRateThreshold = 50;

	/**
	 * Percentage of slow calls in the sliding window at which the circuit opens.
	 */
	private float slowCallRateThreshold = 80;

	/**
	 * Duration above which a call counts as slow.
	 */
	private Duration slowCallDurationThreshold = Duration.ofSeconds(2);

	/**
	 * Number of most recent calls the failure rate is computed over.
	 */
	private int slidingWindowSize = 20;

	/**
	 * Fewest calls in the window before the failure rate is evaluated.
	 */
	private int minimumNumberOfCalls = 10;

	/**
	 * How long the circuit stays open before it lets probe calls through.
	 */
	private Duration waitDurationInOpenState = Duration.ofSeconds(10);

	/**
	 * Number of probe calls let through while half-open.
	 */
	private int permittedCallsInHalfOpenState = 3;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public float getFailureRateThreshold() {
		return this.failureRateThreshold;
	}

	public void setFailureRateThreshold(float failureRateThreshold) {
		this.failureRateThreshold = failureRateThreshold;
	}

	public float getSlowCallRateThreshold() {
		return this.slowCallRateThreshold;
	}

	public void setSlowCallRateThreshold(float slowCallRateThreshold) {
		this.slowCallRateThreshold = slowCallRateThreshold;
	}

	public Duration getSlowCallDurationThreshold() {
		return this.slowCallDurationThreshold;
	}

	public void setSlowCallDurationThreshold(Duration slowCallDurationThreshold) {
		this.slowCallDurationThreshold = slowCallDurationThreshold;
	}

	public int getSlidingWindowSize() {
		return this.slidingWindowSize;
	}

	public void setSlidingWindowSize(int slidingWindowSize) {
		this.slidingWindowSize = slidingWindowSize;
	}

	public int getMinimumNumberOfCalls() {
		return this.minimumNumberOfCalls;
	}

	public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
		this.minimumNumberOfCalls = minimumNumberOfCalls;
	}

	public Duration getWaitDurationInOpenState() {
		return this.waitDurationInOpenState;
	}

	public void setWaitDurationInOpenState(Duration waitDurationInOpenState) {
		this.waitDurationInOpenState = waitDurationInOpenState;
	}

	public int getPermittedCallsInHalfOpenState() {
		return this.permittedCallsInHalfOpenState;
	}

	public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
		this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
	}

	/**
	 * Return a resilience4j configuration with these settings over a count-based sliding
	 * window, to be completed with what counts as a failure.
	 * @return the configuration builder
	 */
	public CircuitBreakerConfig.Builder toConfig() {
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(this.slidingWindowSize)
			.minimumNumberOfCalls(this.minimumNumberOfCalls)
			.failureRateThreshold(this.failureRateThreshold)
			.slowCallRateThreshold(this.slowCallRateThreshold)
			.slowCallDurationThreshold(this.slowCallDurationThreshold)
			.waitDurationInOpenState(this.waitDurationInOpenState)
			.permittedNumberOfCallsInHalfOpenState(this.permittedCallsInHalfOpenState);
	}

}
