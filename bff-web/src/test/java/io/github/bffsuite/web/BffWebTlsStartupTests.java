package io.github.bffsuite.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.bffsuite.edge.tls.ServerCertificateValidity;
import io.github.bffsuite.web.TestCertificates.Issued;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * bff-web with the {@code tls} profile and a certificate it must not serve: start-up
 * fails with an error that names the SSL bundle.
 */
class BffWebTlsStartupTests {

	static final TestCertificates certificates = TestCertificates.create();

	@Test
	void refusesToStartWithAnExpiredCertificate() {
		Issued expired = certificates.issue("expired", 7, -1);
		assertThatException().isThrownBy(() -> start(expired.certificate().toString(), expired.key().toString()))
			.withStackTraceContaining("SSL bundle 'edge-server'")
			.withStackTraceContaining("(serial 7) expired on");
	}

	@Test
	void refusesToStartWithAKeyThatDoesNotMatchItsCertificate() {
		Issued one = certificates.issue("one", 8, 2);
		Issued other = certificates.issue("other", 9, 2);
		assertThatException().isThrownBy(() -> start(one.certificate().toString(), other.key().toString()))
			.withStackTraceContaining("Unable to register SSL bundle 'edge-server'")
			.withStackTraceContaining("Private key in keystore matches none of the certificates in the chain");
	}

	@Test
	void refusesACertificateThatIsNotValidYet() {
		Issued issued = certificates.issue("later", 10, 2);
		SslBundle bundle = SslBundle
			.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(issued.certificate().toString())
				.withPrivateKey(issued.key().toString()), null));
		Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
		ServerCertificateValidity validity = new ServerCertificateValidity(
				new DefaultSslBundleRegistry("edge-server", bundle), "edge-server", yesterday);
		assertThatIllegalStateException().isThrownBy(() -> validity.customize(new NettyReactiveWebServerFactory()))
			.withMessageStartingWith("SSL bundle 'edge-server': certificate 'CN=localhost' (serial a)")
			.withMessageContaining("is not valid before");
	}

	private static void start(String certificate, String key) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BffWebApplication.class).profiles("tls")
			.properties("server.port=0", "management.server.port=0", "EDGE_TLS_CERT=" + certificate,
					"EDGE_TLS_KEY=" + key)
			.run();
		context.close();
	}

}
