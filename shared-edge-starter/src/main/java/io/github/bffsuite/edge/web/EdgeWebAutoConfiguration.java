package io.github.bffsuite.edge.web;

import io.github.bffsuite.edge.gateway.SingleWriteResponseFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * Auto-configuration of the edge's web plumbing: request ids (also in the logging MDC),
 * request limits, Netty hardening, problem+json errors and, on a gateway, small proxied
 * responses written in one piece.
 */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(EdgeWebProperties.class)
public final class EdgeWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestIdWebFilter requestIdWebFilter(EdgeWebProperties properties) {
		RequestIdMdc.install();
		return new RequestIdWebFilter(properties.getRequestId());
	}

	@Bean
	@ConditionalOnMissingBean
	RequestLimitsWebFilter requestLimitsWebFilter(EdgeWebProperties properties) {
		return new RequestLimitsWebFilter(properties.getLimits());
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemResponseWriter problemResponseWriter(ServerCodecConfigurer codecs,
			ObjectProvider<ProblemRenderer> renderers) {
		return new ProblemResponseWriter(codecs, renderers.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	EdgeProblemWebExceptionHandler edgeProblemWebExceptionHandler(ProblemResponseWriter writer) {
		return new EdgeProblemWebExceptionHandler(writer);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	static class NettyConfiguration {

		@Bean
		EdgeNettyServerCustomizer edgeNettyServerCustomizer(EdgeWebProperties properties) {
			return new EdgeNettyServerCustomizer(properties.getLimits());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalFilter.class)
	static class GatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SingleWriteResponseFilter singleWriteResponseFilter(EdgeWebProperties properties) {
			return new SingleWriteResponseFilter(
					(int) Math.min(Integer.MAX_VALUE, properties.getProxy().getSingleWriteMaxSize().toBytes()));
		}

	}

}
