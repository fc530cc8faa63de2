package io.github.bffsuite.samples.support.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A throwaway CA and the certificates it signs, made with {@code openssl} under a
 * temporary directory at test time (user-service and order-service tests, through this
 * module's test jar), as bff-web's tests of the same name make theirs: nothing real is
 * ever committed.
 */
public final class TestCertificates {

	private static final AtomicLong serials = new AtomicLong(1000);

	private final Path directory;

	private final Path caCertificate;

	private final Path caKey;

	private TestCertificates(Path directory) {
		this.directory = directory;
		this.caCertificate = directory.resolve("ca.crt");
		this.caKey = directory.resolve("ca.key");
	}

	/**
	 * A new CA under a new temporary directory.
	 * @param commonName the CA's common name
	 * @return the CA
	 */
	public static TestCertificates create(String commonName) {
		try {
			TestCertificates certificates = new TestCertificates(Files.createTempDirectory("service-tls"));
			openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
					certificates.caKey.toString(), "-out", certificates.caCertificate.toString(), "-days", "2", "-subj",
					"/CN=" + commonName);
			return certificates;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * Issue a certificate valid for two days.
	 * @param name file name prefix: {@code name.crt} and {@code name.key}
	 * @param commonName the subject's common name
	 * @param subjectAltNames the subject alternative names, such as
	 * {@code DNS:localhost,IP:127.0.0.1}
	 * @param extendedKeyUsage such as {@code serverAuth,clientAuth}
	 * @return the certificate and key files
	 */
	public Issued issue(String name, String commonName, String subjectAltNames, String extendedKeyUsage) {
		Path key = this.directory.resolve(name + ".key");
		Path certificate = this.directory.resolve(name + ".crt");
		Path request = this.directory.resolve(name + ".csr");
		Path extensions = this.directory.resolve(name + ".ext");
		try {
			Files.writeString(extensions,
					"subjectAltName=" + subjectAltNames + "\nextendedKeyUsage=" + extendedKeyUsage + "\n");
			openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
					key.toString(), "-out", request.toString(), "-subj", "/CN=" + commonName);
			openssl("x509", "-req", "-in", request.toString(), "-CA", this.caCertificate.toString(), "-CAkey",
					this.caKey.toString(), "-set_serial", Long.toString(serials.incrementAndGet()), "-days", "2",
					"-extfile", extensions.toString(), "-out", certificate.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new Issued(certificate, key);
	}

	/**
	 * A fresh client SSL context that trusts this CA only and presents a certificate.
	 * @param client the client's certificate and key (of any CA), or {@code null} for
	 * none
	 * @return the context
	 */
	public SSLContext clientContext(@Nullable Issued client) {
		PemSslStoreDetails keyStore = (client != null)
				? PemSslStoreDetails.forCertificate("file:" + client.certificate())
					.withPrivateKey("file:" + client.key())
				: null;
		PemSslStoreDetails trustStore = PemSslStoreDetails.forCertificate("file:" + this.caCertificate);
		return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
	}

	private static void openssl(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("openssl " + String.join(" ", arguments) + " did not finish");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("openssl is needed on the PATH to make test certificates", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Issued(Path certificate, Path key) {

	}

}
