package io.github.bffsuite.edge.grpc.proxy;

/**
 * gRPC's status codes, and the one the edge answers for each HTTP status of its problems.
 */
public enum GrpcStatusCode {

	/** Not an error. */
	OK(0),
	/** The operation was cancelled. */
	CANCELLED(1),
	/** An error without a better code. */
	UNKNOWN(2),
	/** The request is malformed. */
	INVALID_ARGUMENT(3),
	/** The deadline passed before the operation completed. */
	DEADLINE_EXCEEDED(4),
	/** The entity was not found. */
	NOT_FOUND(5),
	/** The entity already exists. */
	ALREADY_EXISTS(6),
	/** The caller may not do this. */
	PERMISSION_DENIED(7),
	/** A quota or a limit is exhausted. */
	RESOURCE_EXHAUSTED(8),
	/** The system is not in a state to do this. */
	FAILED_PRECONDITION(9),
	/** The operation was aborted by a conflict. */
	ABORTED(10),
	/** Out of the valid range. */
	OUT_OF_RANGE(11),
	/** The method or path is not implemented. */
	UNIMPLEMENTED(12),
	/** An internal error. */
	INTERNAL(13),
	/** The service is unavailable for now; a retry may succeed. */
	UNAVAILABLE(14),
	/** Unrecoverable data loss. */
	DATA_LOSS(15),
	/** No valid credentials. */
	UNAUTHENTICATED(16);

	private final int value;

	GrpcStatusCode(int value) {
		this.value = value;
	}

	/**
	 * The code's number, as {@code grpc-status} carries it.
	 * @return the number
	 */
	public int value() {
		return this.value;
	}

	/**
	 * The code the edge answers a problem of an HTTP status with.
	 * @param httpStatus the problem's HTTP status
	 * @return the gRPC code
	 */
	public static GrpcStatusCode forHttpStatus(int httpStatus) {
		return switch (httpStatus) {
			case 400, 415, 422 -> INVALID_ARGUMENT;
			case 401 -> UNAUTHENTICATED;
			case 403 -> PERMISSION_DENIED;
			// an unknown service or method is gRPC's UNIMPLEMENTED, not NOT_FOUND
			case 404, 405, 501 -> UNIMPLEMENTED;
			case 408, 504 -> DEADLINE_EXCEEDED;
			case 409 -> ABORTED;
			case 412, 428 -> FAILED_PRECONDITION;
			case 413, 429, 431 -> RESOURCE_EXHAUSTED;
			case 502, 503 -> UNAVAILABLE;
			case 500 -> INTERNAL;
			default -> UNKNOWN;
		};
	}

}
