package io.github.bffsuite.edge.grpc.transcoding;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * gRPC services behind an edge gateway and the REST/JSON transcoding in front of them.
 */
@ConfigurationProperties("edge.grpc")
public class EdgeGrpcProperties {

	/**
	 * gRPC services by name, as the {@code GrpcTranscode} route filter names them.
	 */
	private final Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * REST/JSON to gRPC transcoding.
	 */
	private final Transcoding transcoding = new Transcoding();

	public Map<String, Service> getServices() {
		return this.services;
	}

	public Transcoding getTranscoding() {
		return this.transcoding;
	}

	/**
	 * One gRPC service: where it listens and what it serves.
	 */
	public static class Service {

		/**
		 * Target of the channel: host:port, or a grpc-java target URI such as
		 * dns:///product-service:9033.
		 */
		private @Nullable String address;

		/**
		 * Location of the service's FileDescriptorSet (imports included), such as
		 * classpath:META-INF/grpc/bffsuite-product-v1.desc.
		 */
		private @Nullable String descriptorSet;

		/**
		 * Deadline of a unary call, sent as grpc-timeout.
		 */
		private Duration deadline = Duration.ofSeconds(10);

		/**
		 * Deadline of a server-streaming call; none when not set.
		 */
		private @Nullable Duration streamDeadline;

		/**
		 * Largest message sent to or accepted from the service.
		 */
		private DataSize maxMessageSize = DataSize.ofMegabytes(4);

		/**
		 * Whether to speak plaintext HTTP/2 (h2c) to the service; otherwise TLS.
		 */
		private boolean plaintext = true;

		/**
		 * SSL bundle for TLS to the service (trust and client certificate); the JVM's
		 * default trust when not set. Implies TLS.
		 */
		private @Nullable String sslBundle;

		/**
		 * Audience of the signed identity sent to the service; the service name when not
		 * set.
		 */
		private @Nullable String audience;

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public @Nullable String getDescriptorSet() {
			return this.descriptorSet;
		}

		public void setDescriptorSet(@Nullable String descriptorSet) {
			this.descriptorSet = descriptorSet;
		}

		public Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(Duration deadline) {
			this.deadline = deadline;
		}

		public @Nullable Duration getStreamDeadline() {
			return this.streamDeadline;
		}

		public void setStreamDeadline(@Nullable Duration streamDeadline) {
			this.streamDeadline = streamDeadline;
		}

		public DataSize getMaxMessageSize() {
			return this.maxMessageSize;
		}

		public void setMaxMessageSize(DataSize maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
		}

		public boolean isPlaintext() {
			return this.plaintext;
		}

		public void setPlaintext(boolean plaintext) {
			this.plaintext = plaintext;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

	}

	/**
	 * Transcoding settings.
	 */
	public static class Transcoding {

		/**
		 * Whether to offer the GrpcTranscode route filter.
		 */
		private boolean enabled = true;

		/**
		 * Largest JSON request body read; a larger one is a 413 problem.
		 */
		private DataSize maxBodySize = DataSize.ofMegabytes(4);

		/**
		 * Whether a query parameter that names no field of the request message is a 400
		 * problem; otherwise it is ignored.
		 */
		private boolean rejectUnknownQueryParameters = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		public boolean isRejectUnknownQueryParameters() {
			return this.rejectUnknownQueryParameters;
		}

		public void setRejectUnknownQueryParameters(boolean rejectUnknownQueryParameters) {
			this.rejectUnknownQueryParameters = rejectUnknownQueryParameters;
		}

	}

}
