package io.github.bffsuite.edge.web;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of an exchange: the span of its server request observation, for the lines the
 * gateway logs and the trace it carries downstream. Needs Micrometer Tracing on the class
 * path; callers check that first.
 */
public final class ServerRequestTrace {

	private ServerRequestTrace() {
	}

	/**
	 * Return the trace context of the exchange's server request observation.
	 * @param exchange the exchange
	 * @return the server span's context, or {@code null} when the request is not traced
	 */
	public static @Nullable TraceContext of(ServerWebExchange exchange) {
		Observation.Context context = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
			.orElse(null);
		if (context == null) {
			return null;
		}
		TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context() : null;
	}

}
