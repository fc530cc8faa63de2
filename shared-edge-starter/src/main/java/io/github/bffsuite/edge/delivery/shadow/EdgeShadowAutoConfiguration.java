package io.github.bffsuite.edge.delivery.shadow;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import io.github.bffsuite.edge.web.EdgeWebProperties;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of shadow traffic ({@code edge.delivery.shadow}): a share of the
 * requests of each configured gateway route is copied, fire-and-forget, to its shadow
 * target. Off unless a route is configured under {@code edge.delivery.shadow.routes}.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = { "io.github.bffsuite.edge.downstream.EdgeDownstreamAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.cloud.gateway.config.GatewayAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ GlobalFilter.class, HttpClient.class })
@ConditionalOnProperty(name = "edge.delivery.shadow.enabled", matchIfMissing = true)
@Conditional(OnShadowRoutesCondition.class)
@EnableConfigurationProperties({ EdgeShadowProperties.class, EdgeWebProperties.class })
public final class EdgeShadowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShadowMetrics edgeShadowMetrics(ObjectProvider<MeterRegistry> registry) {
		return new ShadowMetrics(registry.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTargets edgeShadowTargets(EdgeShadowProperties properties,
			ObjectProvider<EdgeDownstreamProperties> downstreams, ObjectProvider<SslBundles> sslBundles,
			ShadowMetrics metrics) {
		return new ShadowTargets(properties, downstreams.getIfAvailable(), sslBundles.getIfAvailable(), metrics);
	}

	@Bean
	@ConditionalOnMissingBean
	ShadowTrafficGatewayFilter shadowTrafficGatewayFilter(ShadowTargets targets, EdgeShadowProperties properties,
			EdgeWebProperties web, ObjectProvider<HttpHeadersFilter> headersFilters, ShadowMetrics metrics) {
		return new ShadowTrafficGatewayFilter(targets.byRoute(), headersFilters.orderedStream().toList(), metrics,
				properties.getHeader(), web.getRequestId().getHeader(), properties.getRequestIdSuffix());
	}

	@Bean
	@ConditionalOnBean(RouteLocator.class)
	ShadowRouteCheck edgeShadowRouteCheck(ShadowTargets targets, RouteLocator routes) {
		return new ShadowRouteCheck(targets, routes);
	}

}
