package io.github.bffsuite.edge.web;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Puts the request id (and trace and span ids, when tracing runs) in the correlation part
 * of every log line, unless the application sets {@code logging.pattern.correlation}
 * itself.
 */
public class EdgeLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String CORRELATION = "logging.pattern.correlation";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.containsProperty(CORRELATION)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("edgeLoggingDefaults",
						Map.of(CORRELATION, "[%X{traceId:-},%X{spanId:-},%X{" + RequestIdWebFilter.MDC_KEY + ":-}] ")));
		}
	}

}
