package io.github.bffsuite.partner.web;

import java.util.List;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import tools.jackson.core.JacksonException;

import org.springframework.core.codec.DecodingException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Answers request bodies that cannot be read with a 400 {@code validation-failed} problem
 * that names the field at fault, from the JSON path of the decoding error.
 */
@RestControllerAdvice(basePackages = "io.github.bffsuite.partner")
public class RequestBodyProblems {

	@ExceptionHandler(ServerWebInputException.class)
	ErrorResponseException unreadable(ServerWebInputException ex, ServerWebExchange exchange) {
		ErrorResponseException problem = problem(ex);
		// answered here rather than by the edge's exception handler, so the request id is
		// added here: every problem body carries one
		String requestId = RequestIdWebFilter.requestId(exchange);
		if (requestId != null) {
			problem.getBody().setProperty(EdgeProblems.REQUEST_ID, requestId);
		}
		return problem;
	}

	private static ErrorResponseException problem(ServerWebInputException ex) {
		JacksonException jackson = find(ex, JacksonException.class);
		if (jackson != null && !jackson.getPath().isEmpty()) {
			return Violations.exception(List.of(new Violations.FieldError(path(jackson), "has the wrong type")));
		}
		if (find(ex, DecodingException.class) != null || jackson != null) {
			return Violations.exception(List.of(new Violations.FieldError("body", "is not valid JSON")));
		}
		if (ex.getMethodParameter() != null && ex.getReason() != null && ex.getReason().contains("body")) {
			return Violations.exception(List.of(new Violations.FieldError("body", "is required")));
		}
		return Violations.exception(List
			.of(new Violations.FieldError("request", (ex.getReason() != null) ? ex.getReason() : "is not valid")));
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		Throwable current = ex;
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

}
