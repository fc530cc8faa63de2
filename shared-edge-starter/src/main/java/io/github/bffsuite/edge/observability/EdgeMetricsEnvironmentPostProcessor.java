package io.github.bffsuite.edge.observability;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Publishes a percentile histogram for {@code http.server.requests}, the gateway's one
 * request timer (tagged by route and client), so that latency percentiles can be
 * aggregated across instances, unless the application configures it itself.
 */
public class EdgeMetricsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String HISTOGRAM = "management.metrics.distribution.percentiles-histogram.http.server.requests";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty(HISTOGRAM)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("edgeMetricsDefaults", Map.of(HISTOGRAM, "true")));
		}
	}

}
