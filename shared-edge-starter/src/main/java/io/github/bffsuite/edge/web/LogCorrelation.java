package io.github.bffsuite.edge.web;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.TraceContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the correlation ids of an exchange (request id, trace id, span id) in the logging
 * MDC around the gateway's own per-request log lines (access log, unhandled errors), so
 * that they carry {@code [traceId,spanId,requestId]} without Reactor's automatic context
 * propagation. Keys already in the MDC (automatic propagation on) are left alone.
 */
public final class LogCorrelation implements AutoCloseable {

	/** MDC key of the trace id, as Micrometer Tracing names it. */
	public static final String TRACE_ID = "traceId";

	/** MDC key of the span id, as Micrometer Tracing names it. */
	public static final String SPAN_ID = "spanId";

	private static final boolean TRACING = ClassUtils
		.isPresent("io.micrometer.tracing.handler.TracingObservationHandler", LogCorrelation.class.getClassLoader());

	private final List<String> added;

	private final @Nullable String traceId;

	private LogCorrelation(List<String> added, @Nullable String traceId) {
		this.added = added;
		this.traceId = traceId;
	}

	/**
	 * Put the correlation ids of an exchange in the MDC until the returned scope closes.
	 * @param exchange the exchange, or {@code null} when the request never reached the
	 * web handler
	 * @param requestId the request id, or {@code null} to read it from the exchange
	 * @return the scope to close after logging
	 */
	public static LogCorrelation open(@Nullable ServerWebExchange exchange, @Nullable String requestId) {
		String request = (requestId != null || exchange == null) ? requestId : RequestIdWebFilter.requestId(exchange);
		String[] trace = (TRACING && exchange != null) ? Tracing.ids(exchange) : null;
		List<String> added = new ArrayList<>(3);
		if (trace != null) {
			put(TRACE_ID, trace[0], added);
			put(SPAN_ID, trace[1], added);
		}
		put(RequestIdWebFilter.MDC_KEY, request, added);
		return new LogCorrelation(added, (trace != null) ? trace[0] : null);
	}

	/**
	 * Return the trace id of the exchange's server request observation, whether or not
	 * this scope put it in the MDC.
	 * @return the trace id, or {@code null} without tracing
	 */
	public @Nullable String traceId() {
		return this.traceId;
	}

	private static void put(String key, @Nullable String value, List<String> added) {
		if (value != null && !value.isEmpty() && MDC.get(key) == null) {
			MDC.put(key, value);
			added.add(key);
		}
	}

	@Override
	public void close() {
		for (String key : this.added) {
			MDC.remove(key);
		}
	}

	private static final class Tracing {

		static String @Nullable [] ids(ServerWebExchange exchange) {
			TraceContext trace = ServerRequestTrace.of(exchange);
			return (trace != null) ? new String[] { trace.traceId(), trace.spanId() } : null;
		}

	}

}
