package io.github.bffsuite.edge.grpc.transcoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.QuotaFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * gRPC statuses as problems, by the standard gRPC to HTTP table, with the
 * {@code google.rpc.Status} details a client can use: field violations as {@code errors}
 * (as the suite's {@code validation-failed} problems list them), the resource, the error
 * reason, precondition and quota failures, and {@code RetryInfo} as {@code Retry-After}.
 * A server failure ({@code INTERNAL}, {@code UNKNOWN}, {@code DATA_LOSS}) is a 502 that
 * repeats nothing of what the service said.
 */
public final class GrpcProblems {

	/** Slug of a request whose fields are not valid. */
	public static final String VALIDATION_FAILED = "validation-failed";

	/** Problem property with the name of the gRPC status code. */
	public static final String GRPC_STATUS = "grpcStatus";

	/** Problem property with the field violations. */
	public static final String ERRORS = "errors";

	private static final String CLIENT_SIDE_TOO_LARGE = "exceeds maximum";

	private GrpcProblems() {
	}

	/**
	 * Return the HTTP status of a gRPC status code.
	 * @param code the code
	 * @return the HTTP status
	 */
	public static HttpStatus httpStatus(Status.Code code) {
		return switch (code) {
			case OK -> HttpStatus.OK;
			case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
			case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
			case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case ALREADY_EXISTS, ABORTED -> HttpStatus.CONFLICT;
			case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
			case UNIMPLEMENTED -> HttpStatus.NOT_IMPLEMENTED;
			// no 499 in this suite: a call cancelled under the gateway is unavailable
			case UNAVAILABLE, CANCELLED -> HttpStatus.SERVICE_UNAVAILABLE;
			case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
			case UNKNOWN, INTERNAL, DATA_LOSS -> HttpStatus.BAD_GATEWAY;
		};
	}

	/**
	 * Build the problem of a failed call.
	 * @param failure what the call failed with
	 * @return the problem, with its headers
	 */
	static ErrorResponseException of(Throwable failure) {
		Status status = Status.fromThrowable(failure);
		Status.Code code = status.getCode();
		HttpStatus httpStatus = httpStatus(code);
		String description = status.getDescription();
		com.google.rpc.Status details = StatusProto.fromThrowable(failure);
		if (code == Status.Code.RESOURCE_EXHAUSTED && description != null && description.contains(CLIENT_SIDE_TOO_LARGE)
				&& (details == null || details.getDetailsCount() == 0)) {
			// the gateway's own limit on the service's answer, not the service's quota
			httpStatus = HttpStatus.BAD_GATEWAY;
		}
		List<Map<String, String>> errors = new ArrayList<>();
		Map<String, Object> properties = new LinkedHashMap<>();
		HttpHeaders headers = new HttpHeaders();
		if (details != null && !httpStatus.is5xxServerError()) {
			for (Any any : details.getDetailsList()) {
				addDetail(any, errors, properties, headers);
			}
		}
		String slug = (code == Status.Code.INVALID_ARGUMENT && !errors.isEmpty()) ? VALIDATION_FAILED
				: slug(httpStatus);
		ProblemDetail problem = EdgeProblems.problem(httpStatus, slug, detail(httpStatus, description));
		problem.setProperty(GRPC_STATUS, code.name());
		if (!errors.isEmpty()) {
			problem.setProperty(ERRORS, errors);
		}
		properties.forEach(problem::setProperty);
		ErrorResponseException exception = new ErrorResponseException(httpStatus, problem, null);
		exception.getHeaders().putAll(headers);
		return exception;
	}

	/**
	 * Build the 400 problem of a request that does not fit the request message.
	 * @param field the field at fault
	 * @param reason why
	 * @return the problem
	 */
	static ErrorResponseException invalidRequest(String field, String reason) {
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.BAD_REQUEST, VALIDATION_FAILED,
				"Field '" + field + "' " + reason);
		problem.setProperty(ERRORS, List.of(error(field, reason)));
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
	}

	private static String slug(HttpStatus status) {
		return switch (status) {
			case CONFLICT -> "conflict";
			case NOT_IMPLEMENTED -> "not-implemented";
			default -> EdgeProblems.slug(status);
		};
	}

	private static String detail(HttpStatus status, @Nullable String description) {
		if (status.is5xxServerError()) {
			return switch (status) {
				case SERVICE_UNAVAILABLE -> "The gRPC service is not available";
				case GATEWAY_TIMEOUT -> "The gRPC service did not answer in time";
				case NOT_IMPLEMENTED -> "The gRPC service does not implement this operation";
				default -> "The gRPC service failed to answer";
			};
		}
		// a service's status message is written for its callers
		return (description != null && !description.isBlank() && description.length() <= 500) ? description
				: EdgeProblems.title(status);
	}

	private static void addDetail(Any any, List<Map<String, String>> errors, Map<String, Object> properties,
			HttpHeaders headers) {
		try {
			if (any.is(BadRequest.class)) {
				any.unpack(BadRequest.class)
					.getFieldViolationsList()
					.forEach((violation) -> errors.add(error(violation.getField(), violation.getDescription())));
			}
			else if (any.is(ResourceInfo.class)) {
				ResourceInfo info = any.unpack(ResourceInfo.class);
				properties.put("resource", Map.of("type", info.getResourceType(), "name", info.getResourceName()));
			}
			else if (any.is(ErrorInfo.class)) {
				ErrorInfo info = any.unpack(ErrorInfo.class);
				properties.put("reason", info.getReason());
				properties.put("domain", info.getDomain());
				if (!info.getMetadataMap().isEmpty()) {
					properties.put("metadata", Map.copyOf(info.getMetadataMap()));
				}
			}
			else if (any.is(PreconditionFailure.class)) {
				properties.put("preconditionFailures",
						any.unpack(PreconditionFailure.class)
							.getViolationsList()
							.stream()
							.map((violation) -> Map.of("type", violation.getType(), "subject", violation.getSubject(),
									"description", violation.getDescription()))
							.toList());
			}
			else if (any.is(QuotaFailure.class)) {
				properties.put("quotaFailures",
						any.unpack(QuotaFailure.class)
							.getViolationsList()
							.stream()
							.map((violation) -> Map.of("subject", violation.getSubject(), "description",
									violation.getDescription()))
							.toList());
			}
			else if (any.is(RetryInfo.class)) {
				com.google.protobuf.Duration delay = any.unpack(RetryInfo.class).getRetryDelay();
				long seconds = delay.getSeconds() + ((delay.getNanos() > 0) ? 1 : 0);
				headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(seconds, 0)));
			}
		}
		catch (InvalidProtocolBufferException ex) {
			// a detail that does not parse is left out
		}
	}

	private static Map<String, String> error(String field, String reason) {
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("reason", reason);
		return error;
	}

}
