package io.github.bffsuite.edge.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bffsuite.edge.web.RequestIdWebFilter;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
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
 * across instances.</li>
 * </ul>
 */
public class EdgeObservabilityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final Map<String, String> DEFAULTS = Map.of("logging.pattern.correlation",
			"[%X{traceId:-},%X{spanId:-},%X{" + RequestIdWebFilter.MDC_KEY + ":-}] ",
			"management.metrics.distribution.percentiles-histogram.http.server.requests", "true");

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		DEFAULTS.forEach((name, value) -> {
			if (!environment.containsProperty(name)) {
				defaults.put(name, value);
			}
		});
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("edgeObservabilityDefaults", defaults));
		}
	}

}
