package io.github.bffsuite.edge.identity;

import java.time.Clock;

import io.github.bffsuite.edge.web.EdgeWebProperties;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of identity propagation: inbound identity headers stripped, outbound
 * ones set from the principal on gateway routes and on every auto-configured
 * {@code WebClient}, and the {@code RequireCallerParameter} route filter. With
 * {@code edge.identity.signing.enabled}, the identity is also signed for each downstream
 * service ({@link IdentityTokenSigner}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({ EdgeWebProperties.class, EdgeIdentitySigningProperties.class })
public final class EdgeIdentityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "edge.identity.signing", name = "enabled", havingValue = "true")
	IdentityTokenSigner identityTokenSigner(EdgeIdentitySigningProperties properties, Environment environment,
			ObjectProvider<Clock> clock) {
		if (properties.getTtl().compareTo(EdgeIdentitySigningProperties.MAX_TTL) > 0 || properties.getTtl().isNegative()
				|| properties.getTtl().isZero()) {
			throw new IllegalStateException("edge.identity.signing.ttl must be more than 0s and at most 60s, but is "
					+ properties.getTtl() + ": a signed identity is short-lived");
		}
		String location = properties.getPrivateKey();
		if (!StringUtils.hasText(location)) {
			throw new IllegalStateException(
					"edge.identity.signing.enabled is true but edge.identity.signing.private-key "
							+ "is not set: set it to a PEM PKCS#8 EC P-256 private key (EDGE_IDENTITY_KEY in the mtls profile)");
		}
		String issuer = StringUtils.hasText(properties.getIssuer()) ? properties.getIssuer()
				: environment.getProperty("spring.application.name");
		if (!StringUtils.hasText(issuer)) {
			throw new IllegalStateException(
					"edge.identity.signing: set edge.identity.signing.issuer or spring.application.name");
		}
		String keyId = StringUtils.hasText(properties.getKeyId()) ? properties.getKeyId() : issuer;
		return new IdentityTokenSigner(IdentityTokenSigner.readPrivateKey(location), issuer, keyId, properties.getTtl(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	StripIdentityHeadersWebFilter stripIdentityHeadersWebFilter() {
		return new StripIdentityHeadersWebFilter();
	}

	@Bean
	@ConditionalOnMissingBean
	IdentityExchangeFilterFunction identityExchangeFilterFunction(EdgeWebProperties properties,
			EdgeIdentitySigningProperties signing, ObjectProvider<IdentityTokenSigner> signer) {
		return new IdentityExchangeFilterFunction(properties.getRequestId().getHeader(), signer.getIfAvailable(),
				signing.getHeader());
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
		IdentityHeadersGatewayFilter identityHeadersGatewayFilter(EdgeIdentitySigningProperties signing,
				ObjectProvider<IdentityTokenSigner> signer) {
			return new IdentityHeadersGatewayFilter(signer.getIfAvailable(), signing.getHeader());
		}

		@Bean
		@ConditionalOnMissingBean
		RequireCallerParameterGatewayFilterFactory requireCallerParameterGatewayFilterFactory() {
			return new RequireCallerParameterGatewayFilterFactory();
		}

	}

}
