package io.github.bffsuite.edge.downstream;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of named downstream services: a resilient {@code WebClient} per
 * service and the {@code CallDownstream} gateway filter that applies the same policies to
 * routes.
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, MeterRegistry.class })
@ConditionalOnProperty(name = "edge.downstream.enabled", matchIfMissing = true)
@EnableConfigurationProperties(EdgeDownstreamProperties.class)
public final class EdgeDownstreamAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EdgeDownstreamClients edgeDownstreamClients(EdgeDownstreamProperties properties,
			ObjectProvider<WebClient.Builder> builders, ObjectProvider<MeterRegistry> meters) {
		return new EdgeDownstreamClients(properties, () -> builders.getIfAvailable(WebClient::builder),
				meters.getIfUnique(CompositeMeterRegistry::new), Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GatewayFilterFactory.class)
	static class GatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean(ignored = EdgeDownstreamGatewayFilterFactory.class)
		CallDownstreamGatewayFilterFactory callDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
			return new CallDownstreamGatewayFilterFactory(clients);
		}

		@Bean
		@ConditionalOnMissingBean
		@SuppressWarnings("deprecation")
		EdgeDownstreamGatewayFilterFactory edgeDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
			return new EdgeDownstreamGatewayFilterFactory(clients);
		}

	}

}
