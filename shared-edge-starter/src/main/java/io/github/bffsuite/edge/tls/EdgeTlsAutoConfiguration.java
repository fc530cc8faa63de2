package io.github.bffsuite.edge.tls;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the checks of the server's SSL bundle
 * ({@code server.ssl.bundle}): a certificate that is expired or not yet valid fails
 * start-up, naming the bundle; and the optional plain HTTP listener that redirects to
 * HTTPS ({@code edge.tls.http-redirect.port}).
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "server.ssl.bundle")
@EnableConfigurationProperties(EdgeTlsProperties.class)
public final class EdgeTlsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(name = "edge.tls.http-redirect.port")
	HttpsRedirectServer httpsRedirectServer(EdgeTlsProperties properties) {
		return new HttpsRedirectServer(properties.getHttpRedirect());
	}

	@Bean
	@ConditionalOnMissingBean
	ServerCertificateValidity serverCertificateValidity(SslBundles bundles, Environment environment) {
		return new ServerCertificateValidity(bundles, environment.getRequiredProperty("server.ssl.bundle"),
				Clock.systemUTC());
	}

}
