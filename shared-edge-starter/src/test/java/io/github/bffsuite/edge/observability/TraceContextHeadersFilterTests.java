package io.github.bffsuite.edge.observability;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelSpan;
import io.micrometer.tracing.propagation.Propagator;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TraceContextHeadersFilter} with OpenTelemetry's W3C propagator: the server
 * span's context replaces the caller's, written into an earlier filter's copy of the
 * headers, and into a copy of its own where it is handed the request's own headers or a
 * read-only view.
 */
class TraceContextHeadersFilterTests {

	private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

	private static final String SPAN_ID = "00f067aa0ba902b7";

	private static final String EXPECTED = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private final TraceContextHeadersFilter filter = new TraceContextHeadersFilter(propagators());

	@Test
	void writesIntoAnEarlierFiltersCopy() {
		MockServerWebExchange exchange = tracedExchange();
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(exchange.getRequest().getHeaders());
		HttpHeaders written = this.filter.filter(copy, exchange);
		assertThat(written).isSameAs(copy);
		assertThat(written.get("traceparent")).containsExactly(EXPECTED);
		assertThat(written.getFirst("Accept")).isEqualTo("application/json");
		assertThat(exchange.getRequest().getHeaders().get("traceparent")).containsExactly(callersTrace());
	}

	@Test
	void copiesTheRequestsOwnHeaders() {
		MockServerWebExchange exchange = tracedExchange();
		HttpHeaders own = exchange.getRequest().getHeaders();
		HttpHeaders written = this.filter.filter(own, exchange);
		assertThat(written).isNotSameAs(own);
		assertThat(written.get("traceparent")).containsExactly(EXPECTED);
		assertThat(own.get("traceparent")).containsExactly(callersTrace());
	}

	@Test
	void copiesAReadOnlyView() {
		MockServerWebExchange exchange = tracedExchange();
		HttpHeaders view = HttpHeaders.readOnlyHttpHeaders(exchange.getRequest().getHeaders());
		HttpHeaders written = this.filter.filter(view, exchange);
		assertThat(written).isNotSameAs(view);
		assertThat(written.get("traceparent")).containsExactly(EXPECTED);
		assertThat(written.getFirst("Accept")).isEqualTo("application/json");
	}

	@Test
	void leavesAnUntracedRequestAsItIs() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/products").header("traceparent", callersTrace()));
		HttpHeaders own = exchange.getRequest().getHeaders();
		assertThat(this.filter.filter(own, exchange)).isSameAs(own);
	}

	private static MockServerWebExchange tracedExchange() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/products")
			.header("traceparent", callersTrace())
			.header("Accept", "application/json"));
		ServerRequestObservationContext context = new ServerRequestObservationContext(exchange.getRequest(),
				exchange.getResponse(), exchange.getAttributes());
		TracingObservationHandler.TracingContext tracing = new TracingObservationHandler.TracingContext();
		tracing.setSpan(OtelSpan.fromOtel(
				Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))));
		context.put(TracingObservationHandler.TracingContext.class, tracing);
		exchange.getAttributes().put(ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE, context);
		return exchange;
	}

	private static String callersTrace() {
		return "00-4bf92f3577b34da6a3ce929d0e0e4736-b7ad6b7169203331-01";
	}

	private static org.springframework.beans.factory.ObjectProvider<Propagator> propagators() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("propagator",
				new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()),
						OpenTelemetry.noop().getTracer("test")));
		return beans.getBeanProvider(Propagator.class);
	}

}
