package io.github.bffsuite.identity.verifier;

import java.nio.file.Path;
import java.security.KeyPair;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeIdentityVerificationAutoConfiguration}.
 */
class EdgeIdentityVerificationAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EdgeIdentityVerificationAutoConfiguration.class))
		.withPropertyValues("spring.application.name=user-service");

	@TempDir
	Path dir;

	String key(KeyPair pair) {
		return TestIdentityKeys.writePublicKey(this.dir.resolve("bff-web.pem"), pair).toString();
	}

	@Test
	void isOffByDefault() {
		this.reactive.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(IdentityVerificationWebFilter.class)
			.doesNotHaveBean(IdentityTokenVerifier.class));
	}

	@Test
	void verifiesInAWebFluxServiceAndCountsWithAMeterRegistry() {
		this.reactive
			.withPropertyValues("edge.identity.verification.enabled=true",
					"edge.identity.verification.issuers.bff-web.public-key="
							+ key(TestIdentityKeys.generate("secp256r1")))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(IdentityVerificationWebFilter.class)
				.hasSingleBean(IdentityVerificationMetrics.class)
				.doesNotHaveBean(IdentityVerificationServletFilter.class)
				.getBean(IdentityTokenVerifier.class)
				.hasToString("IdentityTokenVerifier[audience=user-service, issuers=[bff-web]]"));
	}

	@Test
	void verifiesInAServletService() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EdgeIdentityVerificationAutoConfiguration.class))
			.withPropertyValues("edge.identity.verification.enabled=true", "edge.identity.verification.audience=orders",
					"edge.identity.verification.issuers.bff-web.public-key=file:"
							+ key(TestIdentityKeys.generate("secp256r1")))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(IdentityVerificationServletFilter.class)
				.doesNotHaveBean(IdentityVerificationWebFilter.class)
				.doesNotHaveBean(IdentityVerificationMetrics.class)
				.getBean(IdentityTokenVerifier.class)
				.hasToString("IdentityTokenVerifier[audience=orders, issuers=[bff-web]]"));
	}

	@Test
	void startUpFailsNamingWhatIsMissingOrWrong() {
		ReactiveWebApplicationContextRunner enabled = this.reactive
			.withPropertyValues("edge.identity.verification.enabled=true");
		enabled.run((context) -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("edge.identity.verification.issuers.<gateway>.public-key"));
		enabled.withPropertyValues("edge.identity.verification.issuers.bff-web.public-key=/nowhere/bff-web.pem")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("edge.identity.verification.issuers.bff-web.public-key: cannot read"));
		enabled
			.withPropertyValues("edge.identity.verification.issuers.bff-web.public-key="
					+ key(TestIdentityKeys.generate("secp384r1")))
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("not a P-256 key"));
	}

}
