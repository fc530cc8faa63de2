package io.github.bffsuite.samples.support;

import java.net.URI;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.ErrorResponse;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every failure of a sample service as {@code application/problem+json}: errors
 * that carry a problem keep it (with a suite {@code type} where they had none), anything
 * else is a 500 that never shows a class name or stack trace.
 */
public class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

	private static final Log logger = LogFactory.getLog(ProblemWebExceptionHandler.class);

	private final ServerResponse.Context context;

	public ProblemWebExceptionHandler(ServerCodecConfigurer codecs) {
		List<HttpMessageWriter<?>> writers = codecs.getWriters();
		this.context = new ServerResponse.Context() {

			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return writers;
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}

		};
	}

	@Override
	public int getOrder() {
		return -2;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		ProblemDetail problem = toProblem(ex);
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap((response) -> response.writeTo(exchange, this.context));
	}

	private ProblemDetail toProblem(Throwable ex) {
		if (ex instanceof ErrorResponse errorResponse) {
			ProblemDetail body = errorResponse.getBody();
			ProblemDetail problem = ProblemDetail.forStatus(body.getStatus());
			HttpStatusCode status = errorResponse.getStatusCode();
			boolean blankType = body.getType() == null || "about:blank".equals(body.getType().toString());
			problem.setType(blankType ? URI.create(Problems.BASE + slug(status)) : body.getType());
			problem.setTitle((body.getTitle() != null) ? body.getTitle() : reason(status));
			problem.setDetail(safeDetail(body, status));
			return problem;
		}
		logger.error("Unhandled failure", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The service failed to handle the request");
		problem.setType(URI.create(Problems.BASE + "internal"));
		problem.setTitle("Internal server error");
		return problem;
	}

	private String safeDetail(ProblemDetail body, HttpStatusCode status) {
		// Framework details can quote decoder messages with class names; keep ours,
		// generalise theirs
		String detail = body.getDetail();
		if (detail == null || detail.contains("java.") || detail.contains("tools.jackson")
				|| detail.contains("Exception")) {
			return status.is4xxClientError() ? "The request is not valid for this endpoint" : reason(status);
		}
		return detail;
	}

	private static String slug(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "bad-request";
			case 401 -> "unauthenticated";
			case 403 -> "insufficient-scope";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 503 -> "service-unavailable";
			default -> "http-" + status.value();
		};
	}

	private static String reason(HttpStatusCode status) {
		HttpStatus resolved = HttpStatus.resolve(status.value());
		return (resolved != null) ? resolved.getReasonPhrase() : "Error";
	}

}
