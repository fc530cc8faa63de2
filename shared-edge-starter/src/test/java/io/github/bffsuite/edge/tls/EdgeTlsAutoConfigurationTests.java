package io.github.bffsuite.edge.tls;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EdgeTlsAutoConfiguration}. Valid, expired and mismatched bundles are
 * tested through a running gateway (bff-web's {@code BffWebTlsStartupTests}).
 */
class EdgeTlsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, EdgeTlsAutoConfiguration.class));

	@Test
	void backsOffWithoutAServerSslBundle() {
		this.runner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ServerCertificateValidity.class));
	}

	@Test
	void failsOnAServerSslBundleThatIsNotDefined() {
		this.runner.withPropertyValues("server.ssl.bundle=edge-server")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(NoSuchSslBundleException.class)
				.hasMessageContaining("'edge-server'"));
	}

}
