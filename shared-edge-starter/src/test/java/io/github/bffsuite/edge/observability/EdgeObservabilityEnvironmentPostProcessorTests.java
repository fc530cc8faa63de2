package io.github.bffsuite.edge.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's logging and metrics defaults give way to the application's own settings.
 */
class EdgeObservabilityEnvironmentPostProcessorTests {

	private static final String CORRELATION = "logging.pattern.correlation";

	private static final String HISTOGRAM = "management.metrics.distribution.percentiles-histogram.http.server.requests";

	private static final String GATEWAY_OBSERVATION = "spring.cloud.gateway.server.webflux.observability.enabled";

	private static final String GATEWAY_METRICS = "spring.cloud.gateway.server.webflux.metrics.enabled";

	private static final String BAGGAGE = "management.tracing.baggage.enabled";

	private final EdgeObservabilityEnvironmentPostProcessor processor = new EdgeObservabilityEnvironmentPostProcessor();

	@Test
	void addsTheDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(CORRELATION)).isEqualTo("[%X{traceId:-},%X{spanId:-},%X{requestId:-}] ");
		assertThat(environment.getProperty(HISTOGRAM)).isEqualTo("true");
		// one observation per proxied request: Spring Cloud Gateway's client observation
		// off
		assertThat(environment.getProperty(GATEWAY_OBSERVATION)).isEqualTo("false");
		// one request timer: Spring Cloud Gateway's spring.cloud.gateway.requests off
		assertThat(environment.getProperty(GATEWAY_METRICS)).isEqualTo("false");
		// no baggage of the edge's own: the caller's is not parsed and written again
		assertThat(environment.getProperty(BAGGAGE)).isEqualTo("false");
	}

	@Test
	void keepsBaggageWhereTheApplicationNamesFieldsOfItsOwn() {
		for (String fields : new String[] { "management.tracing.baggage.remote-fields",
				"management.tracing.baggage.local-fields[0]", "management.tracing.baggage.correlation.fields",
				"management.tracing.baggage.tag-fields" }) {
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new MapPropertySource("application", Map.of(fields, "tenant")));
			this.processor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getProperty(BAGGAGE)).as(fields).isNull();
		}
	}

	@Test
	void keepsWhatTheApplicationSets() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of(CORRELATION, "[%X{requestId:-}] ", HISTOGRAM, "false",
					GATEWAY_OBSERVATION, "true", GATEWAY_METRICS, "true", BAGGAGE, "true")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty(CORRELATION)).isEqualTo("[%X{requestId:-}] ");
		assertThat(environment.getProperty(HISTOGRAM)).isEqualTo("false");
		assertThat(environment.getProperty(GATEWAY_OBSERVATION)).isEqualTo("true");
		assertThat(environment.getProperty(GATEWAY_METRICS)).isEqualTo("true");
		assertThat(environment.getProperty(BAGGAGE)).isEqualTo("true");
		assertThat(environment.getPropertySources().contains("edgeObservabilityDefaults")).isFalse();
	}

}
