package io.github.bffsuite.edge.observability;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Observability of an edge gateway: the structured access log and the tags of its
 * metrics.
 */
@ConfigurationProperties("edge.observability")
public class EdgeObservabilityProperties {

	/**
	 * Whether the edge's access log and metrics are configured.
	 */
	private boolean enabled = true;

	/**
	 * Client type served by this gateway, such as web, mobile or partner, logged and
	 * tagged on every request; defaults to spring.application.name.
	 */
	private @Nullable String clientType;

	/**
	 * Access log settings.
	 */
	private final AccessLog accessLog = new AccessLog();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getClientType() {
		return this.clientType;
	}

	public void setClientType(@Nullable String clientType) {
		this.clientType = clientType;
	}

	public AccessLog getAccessLog() {
		return this.accessLog;
	}

	/**
	 * Access log settings.
	 */
	public static class AccessLog {

		/**
		 * Whether one JSON line per request is written to the edge.access logger.
		 */
		private boolean enabled = true;

		/**
		 * Whether the access log lines are handed to a background thread (a batching
		 * asynchronous appender in front of the root logger's appenders, which writes
		 * what gathered every few milliseconds under load) instead of being written by
		 * the request's event-loop thread. No line is dropped: a full queue makes the
		 * caller wait.
		 */
		private boolean async = true;

		/**
		 * Number of access log lines the background thread may hold before callers wait.
		 */
		private int queueSize = 8192;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isAsync() {
			return this.async;
		}

		public void setAsync(boolean async) {
			this.async = async;
		}

		public int getQueueSize() {
			return this.queueSize;
		}

		public void setQueueSize(int queueSize) {
			this.queueSize = queueSize;
		}

	}

}
