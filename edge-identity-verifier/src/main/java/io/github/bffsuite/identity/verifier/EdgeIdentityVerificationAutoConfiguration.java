package io.github.bffsuite.identity.verifier;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of signed identity verification in a service, with
 * {@code edge.identity.verification.enabled}: a {@link IdentityVerificationWebFilter} in
 * a WebFlux service, a {@link IdentityVerificationServletFilter} in a servlet one.
 * Start-up fails, naming the property, without a trusted issuer or with an unreadable
 * key.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnProperty(prefix = "edge.identity.verification", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(EdgeIdentityVerificationProperties.class)
public final class EdgeIdentityVerificationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	IdentityTokenVerifier identityTokenVerifier(EdgeIdentityVerificationProperties properties,
			Environment environment) {
		String audience = StringUtils.hasText(properties.getAudience()) ? properties.getAudience()
				: environment.getProperty("spring.application.name");
		if (!StringUtils.hasText(audience)) {
			throw new IllegalStateException(
					"edge.identity.verification: set edge.identity.verification.audience or spring.application.name");
		}
		if (properties.getIssuers().isEmpty()) {
			throw new IllegalStateException("edge.identity.verification.enabled is true but no issuer is trusted: set "
					+ "edge.identity.verification.issuers.<gateway>.public-key");
		}
		Map<String, IdentityTokenVerifier.Key> keys = new LinkedHashMap<>();
		properties.getIssuers().forEach((issuer, settings) -> {
			String property = "edge.identity.verification.issuers." + issuer + ".public-key";
			if (!StringUtils.hasText(settings.getPublicKey())) {
				throw new IllegalStateException(property + " is not set");
			}
			String keyId = StringUtils.hasText(settings.getKeyId()) ? settings.getKeyId() : issuer;
			keys.put(issuer, IdentityTokenVerifier.Key.of(keyId, PublicKeys.read(property, settings.getPublicKey())));
		});
		return new IdentityTokenVerifier(keys, audience, properties.getClockSkew(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	IdentityVerification identityVerification(IdentityTokenVerifier verifier,
			EdgeIdentityVerificationProperties properties, ObjectProvider<IdentityVerificationMetrics> metrics) {
		Consumer<String> results = metrics.getIfAvailable();
		return new IdentityVerification(verifier, properties.getHeader(), (results != null) ? results : (result) -> {
		});
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdentityVerificationMetrics identityVerificationMetrics(MeterRegistry registry) {
			return new IdentityVerificationMetrics(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
	static class ReactiveConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdentityVerificationWebFilter identityVerificationWebFilter(IdentityVerification verification) {
			return new IdentityVerificationWebFilter(verification);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.Filter")
	static class ServletConfiguration {

		@Bean
		@ConditionalOnMissingBean
		IdentityVerificationServletFilter identityVerificationServletFilter(IdentityVerification verification) {
			return new IdentityVerificationServletFilter(verification);
		}

	}

}
