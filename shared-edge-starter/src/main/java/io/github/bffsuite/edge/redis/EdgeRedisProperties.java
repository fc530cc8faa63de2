package io.github.bffsuite.edge.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the edge prepares Redis before the gateway takes traffic.
 */
@ConfigurationProperties("edge.redis")
public class EdgeRedisProperties {

	/**
	 * Warm-up before the web server starts.
	 */
	private final Warmup warmup = new Warmup();

	public Warmup getWarmup() {
		return this.warmup;
	}

	/**
	 * Warm-up settings.
	 */
	public static class Warmup {

		/**
		 * Whether connections to every Redis node are opened and the edge's scripts
		 * loaded before the web server starts.
		 */
		private boolean enabled = true;

		/**
		 * Longest wait for Redis at start-up. Past it the gateway starts anyway and each
		 * feature applies its Redis outage policy.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
