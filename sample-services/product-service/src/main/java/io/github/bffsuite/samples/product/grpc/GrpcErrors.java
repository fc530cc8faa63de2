package io.github.bffsuite.samples.product.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ResourceInfo;
import com.google.rpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * gRPC errors with {@code google.rpc.Status} details, as the REST API's problems are.
 */
final class GrpcErrors {

	private GrpcErrors() {
	}

	/**
	 * An {@code INVALID_ARGUMENT} with one {@code BadRequest} field violation.
	 * @param field the path of the field, such as {@code filter.category}
	 * @param description what is wrong with it
	 * @return the exception to pass to {@code onError}
	 */
	static StatusRuntimeException invalidArgument(String field, String description) {
		BadRequest badRequest = BadRequest.newBuilder()
			.addFieldViolations(
					BadRequest.FieldViolation.newBuilder().setField(field).setDescription(description).build())
			.build();
		return StatusProto.toStatusRuntimeException(Status.newBuilder()
			.setCode(Code.INVALID_ARGUMENT_VALUE)
			.setMessage("Field '" + field + "': " + description)
			.addDetails(Any.pack(badRequest))
			.build());
	}

	/**
	 * A {@code NOT_FOUND} for a product, with its {@code ResourceInfo}.
	 * @param name the resource name, such as {@code products/p-9999}
	 * @return the exception to pass to {@code onError}
	 */
	static StatusRuntimeException productNotFound(String name) {
		ResourceInfo info = ResourceInfo.newBuilder()
			.setResourceType("bffsuite.product.v1.Product")
			.setResourceName(name)
			.setDescription("No such product")
			.build();
		return StatusProto.toStatusRuntimeException(Status.newBuilder()
			.setCode(Code.NOT_FOUND_VALUE)
			.setMessage("Product " + name + " not found")
			.addDetails(Any.pack(info))
			.build());
	}

}
