package io.github.bffsuite.edge.tls;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the checks of the server's SSL bundle
 * ({@code server.ssl.bundle}): a certificate that is expired or not yet valid fails
 * start-up, naming the bundle.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "server.ssl.bundle")
public final class EdgeTlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServerCertificateValidity serverCertificateValidity(SslBundles bundles, Environment environment) {
		return new ServerCertificateValidity(bundles, environment.getRequiredProperty("server.ssl.bundle"),
				Clock.systemUTC());
	}

}
