package io.github.bffsuite.edge.observability;

import io.github.bffsuite.edge.web.ServerRequestTrace;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Carries the trace of the gateway's server request observation to a route's downstream
 * request: the configured propagator (W3C {@code traceparent} by default) writes the
 * server span's context into the copy of the request headers that the routing filter
 * builds anyway, after the client's own propagation headers are removed, so the
 * downstream's spans are children of the gateway's span.
 * <p>
 * It stands in for Spring Cloud Gateway's client observation
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled}), which the edge
 * turns off by default: that observation gave every proxied request a second timer, a
 * second long-task timer and a second span on top of {@code http.server.requests} (27 µs
 * of CPU per request in the profile of {@code docs/benchmarks.md}), and the edge times
 * its downstream calls itself ({@code edge.downstream.requests}, per downstream). An
 * application that sets the property to {@code true} gets Spring Cloud Gateway's
 * observation back and this filter stands aside.
 */
public class TraceContextHeadersFilter implements HttpHeadersFilter, Ordered {

	private final ObjectProvider<Propagator> propagators;

	private volatile @Nullable Propagator propagator;

	/**
	 * Create a filter that uses the application's propagator, when it has one.
	 * @param propagators the propagator, looked up on first use
	 */
	public TraceContextHeadersFilter(ObjectProvider<Propagator> propagators) {
		this.propagators = propagators;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		TraceContext trace = ServerRequestTrace.of(exchange);
		Propagator propagator = (trace != null) ? propagator() : null;
		if (trace == null || propagator == null) {
			return input;
		}
		// the headers handed in are the request's own (read-only) ones when no earlier
		// filter made a copy: write to a copy then, as Spring Cloud Gateway's own header
		// filters do; an earlier filter's copy (this filter runs last) is written in
		// place
		if (input != exchange.getRequest().getHeaders()) {
			try {
				return inject(trace, propagator, input);
			}
			catch (UnsupportedOperationException ex) {
				// a read-only view after all
			}
		}
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(input);
		return inject(trace, propagator, headers);
	}

	private static HttpHeaders inject(TraceContext trace, Propagator propagator, HttpHeaders headers) {
		for (String field : propagator.fields()) {
			headers.remove(field);
		}
		propagator.inject(trace, headers, HttpHeaders::set);
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

	private @Nullable Propagator propagator() {
		Propagator propagator = this.propagator;
		if (propagator == null) {
			propagator = this.propagators.getIfUnique(() -> Propagator.NOOP);
			this.propagator = propagator;
		}
		return (propagator != Propagator.NOOP) ? propagator : null;
	}

}
