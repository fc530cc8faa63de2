package io.github.bffsuite.edge.observability;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge carries the trace downstream itself only while Spring Cloud Gateway's client
 * observation is off, so that a request never gets two {@code traceparent} writers.
 */
class TraceContextHeadersFilterConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EdgeObservabilityAutoConfiguration.class));

	@Test
	void propagatesTheTraceWhenTheGatewaysClientObservationIsOff() {
		this.runner.withPropertyValues("spring.cloud.gateway.server.webflux.observability.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(TraceContextHeadersFilter.class));
	}

	@Test
	void standsAsideWhenTheApplicationTurnsTheGatewaysClientObservationOn() {
		this.runner.withPropertyValues("spring.cloud.gateway.server.webflux.observability.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(TraceContextHeadersFilter.class));
	}

}
