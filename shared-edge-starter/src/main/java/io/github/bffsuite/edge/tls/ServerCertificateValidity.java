package io.github.bffsuite.edge.tls;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collections;
import java.util.Date;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Checks the validity dates of the certificates of the server's SSL bundle before the web
 * server starts, so that an expired or not-yet-valid certificate is a start-up error that
 * names the bundle rather than handshakes that every client refuses. A reloaded bundle is
 * checked too; it is already being served, so a failure is logged.
 */
public class ServerCertificateValidity implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

	private static final Log logger = LogFactory.getLog(ServerCertificateValidity.class);

	private final SslBundles bundles;

	private final String bundleName;

	private final Clock clock;

	/**
	 * Create a check of one bundle.
	 * @param bundles the application's SSL bundles
	 * @param bundleName the server's bundle
	 * @param clock what "now" is
	 */
	public ServerCertificateValidity(SslBundles bundles, String bundleName, Clock clock) {
		this.bundles = bundles;
		this.bundleName = bundleName;
		this.clock = clock;
		bundles.addBundleUpdateHandler(bundleName, this::checkReloaded);
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		String problem = problem(this.bundles.getBundle(this.bundleName));
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
	}

	private void checkReloaded(SslBundle bundle) {
		String problem = problem(bundle);
		if (problem != null) {
			logger.error("Reloaded " + problem);
		}
	}

	private @Nullable String problem(SslBundle bundle) {
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			return null;
		}
		Date now = Date.from(this.clock.instant());
		try {
			for (String alias : Collections.list(keyStore.aliases())) {
				Certificate[] chain = keyStore.getCertificateChain(alias);
				for (Certificate certificate : (chain != null) ? chain : new Certificate[0]) {
					String problem = problem((X509Certificate) certificate, now);
					if (problem != null) {
						return problem;
					}
				}
			}
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("SSL bundle '" + this.bundleName + "': key store cannot be read", ex);
		}
		return null;
	}

	private @Nullable String problem(X509Certificate certificate, Date now) {
		String described = "SSL bundle '" + this.bundleName + "': certificate '"
				+ certificate.getSubjectX500Principal().getName() + "' (serial "
				+ certificate.getSerialNumber().toString(16) + ")";
		try {
			certificate.checkValidity(now);
			return null;
		}
		catch (CertificateExpiredException ex) {
			return described + " expired on " + certificate.getNotAfter().toInstant();
		}
		catch (CertificateNotYetValidException ex) {
			return described + " is not valid before " + certificate.getNotBefore().toInstant();
		}
	}

}
