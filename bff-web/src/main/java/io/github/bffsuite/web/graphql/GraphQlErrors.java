package io.github.bffsuite.web.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.github.bffsuite.edge.downstream.DownstreamException;
import io.github.bffsuite.edge.downstream.DownstreamRejectedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.DataFetcherExceptionResolver;
import org.springframework.graphql.execution.SubscriptionExceptionResolver;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;

/**
 * Turns every failure of a field or a subscription into GraphQL errors with a stable
 * {@code extensions.code}, the logical name of the service that failed
 * ({@code extensions.service}) and whether a retry may help
 * ({@code extensions.retryable}). A REST status from a service maps to a code, never to a
 * 500. Messages are written here: no URL, stack trace or exception class reaches the
 * client.
 */
public class GraphQlErrors implements DataFetcherExceptionResolver, SubscriptionExceptionResolver {

	private static final Log logger = LogFactory.getLog(GraphQlErrors.class);

	@Override
	public Mono<List<GraphQLError>> resolveException(Throwable exception, DataFetchingEnvironment environment) {
		return Mono.just(describe(exception).stream()
			.map((error) -> error.toError(GraphqlErrorBuilder.newError(environment)))
			.toList());
	}

	@Override
	public Mono<List<GraphQLError>> resolveException(Throwable exception) {
		return Mono
			.just(describe(exception).stream().map((error) -> error.toError(GraphqlErrorBuilder.newError())).toList());
	}

	/**
	 * Describe a failure as one or more coded errors.
	 * @param exception the failure
	 * @return the errors
	 */
	static List<CodedError> describe(Throwable exception) {
		Throwable ex = unwrap(exception);
		if (ex instanceof InvalidInputException invalid) {
			List<CodedError> errors = new ArrayList<>();
			for (InvalidInputException.Violation violation : invalid.violations()) {
				errors.add(new CodedError(ErrorCode.BAD_USER_INPUT,
						"Invalid value for '" + violation.field() + "': " + violation.message(), null, false,
						violation.field()));
			}
			return errors;
		}
		if (ex instanceof DownstreamRejectedException rejected) {
			return List.of(fromStatus(rejected.downstream(), rejected.status(), rejected.detail()));
		}
		if (ex instanceof DownstreamException downstream) {
			return List.of(fromDownstream(downstream));
		}
		if (ex instanceof ForbiddenException) {
			return List.of(new CodedError(ErrorCode.FORBIDDEN, message(ex, "Forbidden"), null, false, null));
		}
		if (ex instanceof AccessDeniedException) {
			// method security (@PreAuthorize): the token lacks the operation's scope
			return List.of(new CodedError(ErrorCode.FORBIDDEN, "The token lacks the scope this operation needs", null,
					false, null));
		}
		if (ex instanceof AuthenticationException) {
			return List.of(new CodedError(ErrorCode.UNAUTHENTICATED, "Unauthenticated", null, false, null));
		}
		if (ex instanceof NotFoundException) {
			return List.of(new CodedError(ErrorCode.NOT_FOUND, message(ex, "Not found"), null, false, null));
		}
		logger.error("Unexpected failure of a GraphQL field", ex);
		return List.of(new CodedError(ErrorCode.INTERNAL_ERROR, "Internal error", null, false, null));
	}

	private static CodedError fromStatus(String service, int status, @Nullable String detail) {
		return switch (status) {
			case 400 -> new CodedError(ErrorCode.BAD_USER_INPUT, (detail != null) ? detail : "Invalid request", service,
					false, null);
			case 401 -> new CodedError(ErrorCode.UNAUTHENTICATED, "Service '" + service + "' did not accept the caller",
					service, false, null);
			case 403 ->
				new CodedError(ErrorCode.FORBIDDEN, (detail != null) ? detail : "Forbidden", service, false, null);
			case 404 ->
				new CodedError(ErrorCode.NOT_FOUND, (detail != null) ? detail : "Not found", service, false, null);
			case 409 ->
				new CodedError(ErrorCode.CONFLICT, (detail != null) ? detail : "Conflict", service, false, null);
			case 422 -> new CodedError(ErrorCode.IDEMPOTENCY_KEY_REUSED,
					(detail != null) ? detail : "Idempotency key reused", service, false, null);
			case 429 -> new CodedError(ErrorCode.RATE_LIMITED, "Service '" + service + "' is rate limiting calls",
					service, true, null);
			default -> (status >= 500)
					? new CodedError(ErrorCode.DOWNSTREAM_ERROR, "Service '" + service + "' failed", service, true,
							null)
					: new CodedError(ErrorCode.DOWNSTREAM_ERROR, "Service '" + service + "' refused the call", service,
							false, null);
		};
	}

	private static CodedError fromDownstream(DownstreamException ex) {
		String service = ex.downstream();
		if (ex.isServerError()) {
			return fromStatus(service, 500, null);
		}
		if ("timeout".equals(ex.reason())) {
			return new CodedError(ErrorCode.DOWNSTREAM_TIMEOUT, "Service '" + service + "' did not answer in time",
					service, true, null);
		}
		return new CodedError(ErrorCode.DOWNSTREAM_UNAVAILABLE, "Service '" + service + "' is unavailable", service,
				true, null);
	}

	private static String message(Throwable ex, String fallback) {
		return (ex.getMessage() != null) ? ex.getMessage() : fallback;
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * A coded error before it is placed in a response.
	 *
	 * @param code the code
	 * @param message the message, safe for clients
	 * @param service the logical name of the service that failed, or {@code null}
	 * @param retryable whether a retry may help
	 * @param field the argument that does not validate, or {@code null}
	 */
	record CodedError(ErrorCode code, String message, @Nullable String service, boolean retryable,
			@Nullable String field) {

		GraphQLError toError(GraphqlErrorBuilder<?> builder) {
			Map<String, Object> extensions = new LinkedHashMap<>();
			extensions.put("code", this.code.name());
			if (this.service != null) {
				extensions.put("service", this.service);
			}
			extensions.put("retryable", this.retryable);
			if (this.field != null) {
				extensions.put("field", this.field);
			}
			return builder.message(this.message).errorType(this.code.type()).extensions(extensions).build();
		}

	}

}
