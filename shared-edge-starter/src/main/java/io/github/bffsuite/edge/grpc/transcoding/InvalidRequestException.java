package io.github.bffsuite.edge.grpc.transcoding;

/**
 * A request that cannot be turned into the gRPC request message, naming the field (a path
 * variable, a query parameter or a JSON member) at fault.
 */
class InvalidRequestException extends RuntimeException {

	private final String field;

	private final String reason;

	InvalidRequestException(String field, String reason) {
		super("Field '" + field + "' " + reason, null, false, false);
		this.field = field;
		this.reason = reason;
	}

	String field() {
		return this.field;
	}

	String reason() {
		return this.reason;
	}

}
