package io.github.bffsuite.edge.observability;

import io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.downstream.RetryBudget;
import io.github.bffsuite.edge.security.EdgeAuthenticationFailureListener;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.observation.ServerRequestObservationConvention;

/**
 * Auto-configuration of edge observability: one JSON access log line per request, the
 * route and client as tags of Spring's {@code http.server.requests} timer, authentication
 * failures by reason, and circuit breaker, bulkhead and retry budget metrics of the
 * downstreams. Tracing itself comes from Spring Boot's Micrometer Tracing with the
 * OpenTelemetry bridge; nothing is exported unless an exporter is configured.
 */
@AutoConfiguration(after = EdgeDownstreamAutoConfiguration.class,
		beforeName = "org.springframework.boot.webflux.autoconfigure.WebFluxObservationAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnProperty(name = "edge.observability.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ EdgeObservabilityProperties.class, EdgeWebProperties.class })
public final class EdgeObservabilityAutoConfiguration {

	static String clientType(EdgeObservabilityProperties properties, Environment environment) {
		String clientType = properties.getClientType();
		return (clientType != null) ? clientType : environment.getProperty("spring.application.name", "edge");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(WebHttpHandlerBuilderCustomizer.class)
	static class AccessLogConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AccessLogHttpHandlerDecorator edgeAccessLogHttpHandlerDecorator(EdgeObservabilityProperties properties,
				EdgeWebProperties web, Environment environment) {
			return new AccessLogHttpHandlerDecorator(clientType(properties, environment),
					web.getRequestId().getHeader(), properties.getAccessLog().isEnabled(), new EdgeExchangeDetails());
		}

		@Bean
		WebHttpHandlerBuilderCustomizer edgeAccessLogHandlerCustomizer(AccessLogHttpHandlerDecorator decorator) {
			return (builder) -> builder.httpHandlerDecorator(decorator);
		}

		@Bean
		@ConditionalOnMissingBean
		AccessLogExchangeWebFilter edgeAccessLogExchangeWebFilter() {
			return new AccessLogExchangeWebFilter();
		}

		@Bean
		@ConditionalOnMissingBean
		AccessLogExchangeWebFilter.Registration edgeAccessLogExchangeRegistration() {
			return new AccessLogExchangeWebFilter.Registration();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(ServerRequestObservationConvention.class)
	static class ServerRequestObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean(ServerRequestObservationConvention.class)
		EdgeServerRequestObservationConvention edgeServerRequestObservationConvention(
				EdgeObservabilityProperties properties, Environment environment) {
			return new EdgeServerRequestObservationConvention(environment
				.getProperty("management.observations.http.server.requests.name", "http.server.requests"),
					clientType(properties, environment));
		}

	}

	/**
	 * The trace carried to a route's downstream without Spring Cloud Gateway's client
	 * observation, which {@link EdgeObservabilityEnvironmentPostProcessor} turns off
	 * unless the application sets it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = { "org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter",
			"io.micrometer.tracing.handler.TracingObservationHandler" })
	@ConditionalOnProperty(name = EdgeObservabilityEnvironmentPostProcessor.GATEWAY_OBSERVABILITY,
			havingValue = "false")
	static class TracePropagationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TraceContextHeadersFilter edgeTraceContextHeadersFilter(ObjectProvider<Propagator> propagators) {
			return new TraceContextHeadersFilter(propagators);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "ch.qos.logback.classic.AsyncAppender")
	@ConditionalOnProperty(name = { "edge.observability.access-log.enabled", "edge.observability.access-log.async" },
			matchIfMissing = true)
	static class AsyncAccessLogConfiguration {

		@Bean
		AsyncAccessLogAppenders edgeAsyncAccessLogAppenders(EdgeObservabilityProperties properties) {
			return new AsyncAccessLogAppenders(AccessLogHttpHandlerDecorator.LOGGER,
					properties.getAccessLog().getQueueSize());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(EdgeAuthenticationFailureListener.class)
	static class AuthenticationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AuthenticationFailureMetrics edgeAuthenticationFailureMetrics(EdgeObservabilityProperties properties,
				Environment environment, ObjectProvider<MeterRegistry> meters) {
			return new AuthenticationFailureMetrics(meters.getIfUnique(CompositeMeterRegistry::new),
					clientType(properties, environment));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TaggedCircuitBreakerMetrics.class)
	static class DownstreamConfiguration {

		@Bean
		MeterBinder edgeDownstreamResilienceMetrics(ObjectProvider<EdgeDownstreamClients> downstreams) {
			return (registry) -> downstreams.ifAvailable((clients) -> {
				TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(clients.circuitBreakers()).bindTo(registry);
				TaggedBulkheadMetrics.ofBulkheadRegistry(clients.bulkheads()).bindTo(registry);
				for (String name : clients.names()) {
					Gauge
						.builder("edge.downstream.retry.budget", clients.downstream(name).retryBudget(),
								RetryBudget::remaining)
						.description("Retries left in the downstream's retry budget")
						.tag("downstream", name)
						.register(registry);
				}
			});
		}

	}

}
