package io.github.bffsuite.edge.web;

import io.github.bffsuite.edge.support.UpstreamFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every failure that reaches the edge as {@code application/problem+json}:
 * problems keep their type, framework errors get the suite's type for their status,
 * downstream connect and TLS errors become 502 and timeouts 504, and anything else is a
 * 500 without class names or stack traces.
 */
public class EdgeProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

	/** Order of this handler: before Spring Boot's default error handler. */
	public static final int ORDER = -2;

	private static final Log logger = LogFactory.getLog(EdgeProblemWebExceptionHandler.class);

	private final ProblemResponseWriter writer;

	public EdgeProblemWebExceptionHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		if (ex instanceof ErrorResponse errorResponse) {
			// such as Retry-After on 503 and 429
			exchange.getResponse().getHeaders().addAll(errorResponse.getHeaders());
		}
		return this.writer.write(exchange, toProblem(exchange, ex));
	}

	private ProblemDetail toProblem(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ErrorResponse errorResponse) {
			return fromErrorResponse(errorResponse);
		}
		if (UpstreamFailures.isTimeout(ex)) {
			return EdgeProblems.problem(HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
					"An upstream service did not answer in time");
		}
		if (UpstreamFailures.isTlsFailure(ex)) {
			// a route without CallDownstream (which answers with its own problem)
			try (LogCorrelation correlation = LogCorrelation.open(exchange, null)) {
				logger.warn("TLS with an upstream service failed for " + exchange.getRequest().getMethod() + " "
						+ exchange.getRequest().getPath() + ": " + UpstreamFailures.tlsFailureMessage(ex));
			}
			return EdgeProblems.problem(HttpStatus.BAD_GATEWAY, "bad-gateway",
					"An upstream service could not be reached");
		}
		if (UpstreamFailures.isConnectFailure(ex)
				|| UpstreamFailures.inChain(ex, EdgeProblemWebExceptionHandler::isAborted)) {
			return EdgeProblems.problem(HttpStatus.BAD_GATEWAY, "bad-gateway",
					"An upstream service could not be reached");
		}
		if (UpstreamFailures.inChain(ex, DecodingException.class::isInstance)) {
			return EdgeProblems.problem(HttpStatus.BAD_REQUEST, "bad-request", "The request body is not valid");
		}
		try (LogCorrelation correlation = LogCorrelation.open(exchange, null)) {
			logger.error("Unhandled failure for " + exchange.getRequest().getMethod() + " "
					+ exchange.getRequest().getPath(), ex);
		}
		return EdgeProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
				"The gateway failed to handle the request");
	}

	private ProblemDetail fromErrorResponse(ErrorResponse errorResponse) {
		ProblemDetail body = errorResponse.getBody();
		HttpStatusCode status = errorResponse.getStatusCode();
		boolean ours = body.getType() != null && body.getType().toString().startsWith(EdgeProblems.BASE);
		if (ours) {
			return body;
		}
		return EdgeProblems.problem(status, EdgeProblems.slug(status), safeDetail(body, status));
	}

	private String safeDetail(ProblemDetail body, HttpStatusCode status) {
		// Framework details can quote decoder messages or class names; only keep plain
		// ones
		String detail = body.getDetail();
		if (detail == null || detail.length() > 200 || detail.contains("Exception") || detail.contains("java.")
				|| detail.contains("tools.jackson") || detail.contains("com.")) {
			return switch (status.value()) {
				case 404 -> "No route or resource matches the request";
				case 405 -> "The method is not allowed for this resource";
				case 413 -> "The request body is too large";
				case 415 -> "The content type is not supported";
				default -> status.is4xxClientError() ? "The request is not valid" : EdgeProblems.title(status);
			};
		}
		return detail;
	}

	private static boolean isAborted(Throwable ex) {
		return ex.getClass().getName().endsWith("AbortedException");
	}

}
