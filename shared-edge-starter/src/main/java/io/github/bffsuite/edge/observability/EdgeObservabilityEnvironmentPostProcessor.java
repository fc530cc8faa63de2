package io.github.bffsuite.edge.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.web.RequestIdWebFilter;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The edge's logging and metrics defaults, each added only where the application does not
 * set the property itself, as the lowest-precedence property source:
 * <ul>
 * <li>{@code logging.pattern.correlation}: the request id (and trace and span ids, when
 * tracing runs) in the correlation part of every log line;</li>
 * <li>a percentile histogram for {@code http.server.requests}, the gateway's one request
 * timer (tagged by route and client), so that latency percentiles can be aggregated
 * across instances;</li>
 * <li>{@code spring.cloud.gateway.server.webflux.observability.enabled=false}: one
 * observation per proxied request rather than two. Spring Cloud Gateway's client
 * observation added a second timer, long-task timer and span to every proxied request;
 * the edge times its downstream calls itself ({@code edge.downstream.requests}) and
 * carries the trace downstream with {@link TraceContextHeadersFilter}. Set the property
 * to {@code true} to have Spring Cloud Gateway's client observation back.</li>
 * <li>{@code spring.cloud.gateway.server.webflux.metrics.enabled=false}: one request
 * timer rather than two. Spring Cloud Gateway's {@code spring.cloud.gateway.requests}
 * timer times every proxied request again, by route, status and outcome, which
 * {@code http.server.requests} with the edge's {@code route} tag already does. Set the
 * property to {@code true} to have it back.</li>
 * <li>{@code management.tracing.baggage.enabled=false}, unless the application names
 * baggage fields of its own ({@code management.tracing.baggage.remote-fields},
 * {@code local-fields}, {@code correlation.fields} or {@code tag-fields}): the edge
 * originates no baggage, so parsing a caller's W3C {@code baggage} header on every
 * request and writing it out again for the downstream only cost time; the header now
 * passes on as the caller sent it, like any other.</li>
 * </ul>
 */
public class EdgeObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Spring Cloud Gateway's switch of its client observation of proxied requests. */
	static final String GATEWAY_OBSERVABILITY = "spring.cloud.gateway.server.webflux.observability.enabled";

	/**
	 * Spring Cloud Gateway's switch of its {@code spring.cloud.gateway.requests} timer.
	 */
	static final String GATEWAY_METRICS = "spring.cloud.gateway.server.webflux.metrics.enabled";

	/** Micrometer Tracing's baggage switch. */
	static final String BAGGAGE = "management.tracing.baggage.enabled";

	private static final List<String> BAGGAGE_FIELDS = List.of("management.tracing.baggage.remote-fields",
			"management.tracing.baggage.local-fields", "management.tracing.baggage.correlation.fields",
			"management.tracing.baggage.tag-fields");

	private static final Map<String, String> DEFAULTS = Map.of("logging.pattern.correlation",
			"[%X{traceId:-},%X{spanId:-},%X{" + RequestIdWebFilter.MDC_KEY + ":-}] ",
			"management.metrics.distribution.percentiles-histogram.http.server.requests", "true", GATEWAY_OBSERVABILITY,
			"false", GATEWAY_METRICS, "false");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static boolean namesBaggageFields(ConfigurableEnvironment environment) {
		Binder binder = Binder.get(environment);
		for (String fields : BAGGAGE_FIELDS) {
			if (!binder.bind(fields, Bindable.listOf(String.class)).orElse(List.of()).isEmpty()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		DEFAULTS.forEach((name, value) -> {
			if (!environment.containsProperty(name)) {
				defaults.put(name, value);
			}
		});
		if (!environment.containsProperty(BAGGAGE) && !namesBaggageFields(environment)) {
			defaults.put(BAGGAGE, "false");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("edgeObservabilityDefaults", defaults));
		}
	}

}
