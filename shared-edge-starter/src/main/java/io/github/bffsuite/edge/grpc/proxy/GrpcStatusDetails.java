package io.github.bffsuite.edge.grpc.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A {@code google.rpc.Status} with its {@code ErrorInfo}, {@code RetryInfo} and
 * {@code RequestInfo} details in protobuf's wire format, as gRPC's
 * {@code grpc-status-details-bin} carries it. Written by hand (a few fields of five
 * messages) so that the edge answers gRPC without protobuf on the classpath; the tests
 * decode it with the real {@code com.google.rpc} classes.
 */
final class GrpcStatusDetails {

	private static final String TYPE_URL_PREFIX = "type.googleapis.com/google.rpc.";

	private GrpcStatusDetails() {
	}

	/**
	 * Encode a status.
	 * @param code the gRPC status code
	 * @param message the status message
	 * @param reason the {@code ErrorInfo} reason
	 * @param domain the {@code ErrorInfo} domain
	 * @param metadata the {@code ErrorInfo} metadata
	 * @param retryDelay the {@code RetryInfo} delay, or {@code null} for none
	 * @param requestId the {@code RequestInfo} request id, or {@code null} for none
	 * @return the serialized {@code google.rpc.Status}
	 */
	static byte[] encode(int code, String message, String reason, String domain, Map<String, String> metadata,
			@Nullable Duration retryDelay, @Nullable String requestId) {
		ProtoWriter errorInfo = new ProtoWriter().string(1, reason).string(2, domain);
		metadata.forEach((key, value) -> errorInfo.message(3, new ProtoWriter().string(1, key).string(2, value)));
		ProtoWriter status = new ProtoWriter().varint(1, code).string(2, message);
		status.message(3, any("ErrorInfo", errorInfo));
		if (retryDelay != null) {
			ProtoWriter duration = new ProtoWriter().varint(1, retryDelay.getSeconds()).varint(2, retryDelay.getNano());
			status.message(3, any("RetryInfo", new ProtoWriter().message(1, duration)));
		}
		if (requestId != null) {
			status.message(3, any("RequestInfo", new ProtoWriter().string(1, requestId)));
		}
		return status.toByteArray();
	}

	private static ProtoWriter any(String type, ProtoWriter value) {
		return new ProtoWriter().string(1, TYPE_URL_PREFIX + type).bytes(2, value.toByteArray());
	}

	/**
	 * Proto3 fields in wire format; fields with their default value are left out, as
	 * protobuf itself does.
	 */
	private static final class ProtoWriter {

		private static final int VARINT = 0;

		private static final int LENGTH_DELIMITED = 2;

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		ProtoWriter varint(int field, long value) {
			if (value != 0) {
				tag(field, VARINT);
				raw(value);
			}
			return this;
		}

		ProtoWriter string(int field, String value) {
			return value.isEmpty() ? this : bytes(field, value.getBytes(StandardCharsets.UTF_8));
		}

		ProtoWriter message(int field, ProtoWriter message) {
			// an empty message is still present (unlike a scalar at its default)
			tag(field, LENGTH_DELIMITED);
			byte[] bytes = message.toByteArray();
			raw(bytes.length);
			this.out.writeBytes(bytes);
			return this;
		}

		ProtoWriter bytes(int field, byte[] value) {
			if (value.length > 0) {
				tag(field, LENGTH_DELIMITED);
				raw(value.length);
				this.out.writeBytes(value);
			}
			return this;
		}

		byte[] toByteArray() {
			return this.out.toByteArray();
		}

		private void tag(int field, int wireType) {
			raw(((long) field << 3) | wireType);
		}

		private void raw(long value) {
			long rest = value;
			while ((rest & ~0x7FL) != 0) {
				this.out.write((int) ((rest & 0x7F) | 0x80));
				rest >>>= 7;
			}
			this.out.write((int) rest);
		}

	}

}
