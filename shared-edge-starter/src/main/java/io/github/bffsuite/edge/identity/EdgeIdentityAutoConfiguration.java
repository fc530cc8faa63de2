package io.github.bffsuite.edge.identity;

import io.github.bffsuite.edge.web.EdgeWebProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of identity propagation: inbound identity headers stripped, outbound
 * ones set from the principal on gateway routes and on every auto-configured
 * {@code WebClient}, and the {@code RequireCallerParameter} route filter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(EdgeWebProperties.class)
public final class EdgeIdentityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StripIdentityHeadersWebFilter stripIdentityHeadersWebFilter() {
		return new StripIdentityHeadersWebFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	IdentityExchangeFilterFunction identityExchangeFilterFunction(EdgeWebProperties properties) {
		return new IdentityExchangeFilterFunction(properties.getRequestId().getHeader());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientCustomizer.class)
	static class WebClientConfiguration {

		@Bean
		WebClientCustomizer identityWebClientCustomizer(IdentityExchangeFilterFunction filter) {
			return (builder) -> builder.filter(filter);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(GlobalFilter.class)
	static class GatewayConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdentityHeadersGatewayFilter identityHeadersGatewayFilter() {
			return new IdentityHeadersGatewayFilter();
		}

		@Bean
		@ConditionalOnMissingBean
		RequireCallerParameterGatewayFilterFactory requireCallerParameterGatewayFilterFactory() {
			return new RequireCallerParameterGatewayFilterFactory();
		}

	}

}
