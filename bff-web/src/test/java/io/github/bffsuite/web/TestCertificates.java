package io.github.bffsuite.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA and the server certificates it signs, made with {@code openssl} under a
 * temporary directory at test time: nothing real is ever committed.
 */
final class TestCertificates {

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
	 * @return the CA
	 */
	static TestCertificates create() {
		return create("Edge Test CA");
	}

	/**
	 * A new CA with a name of its own under a new temporary directory, such as a second
	 * CA whose certificates the first one's trusters must refuse.
	 * @param commonName the CA's common name
	 * @return the CA
	 */
	static TestCertificates create(String commonName) {
		try {
			TestCertificates certificates = new TestCertificates(Files.createTempDirectory("edge-tls"));
			openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
					certificates.caKey.toString(), "-out", certificates.caCertificate.toString(), "-days", "2", "-subj",
					"/CN=" + commonName);
			return certificates;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Issue a certificate for {@code localhost} and {@code 127.0.0.1}.
	 * @param name file name prefix: {@code name.crt} and {@code name.key}
	 * @param serial serial number
	 * @param days validity in days from now; negative for an expired certificate
	 * @return the certificate and key files
	 */
	Issued issue(String name, long serial, int days) {
		return issue(name, serial, days, "localhost", "DNS:localhost,IP:127.0.0.1", "serverAuth");
	}

	/**
	 * Issue a certificate valid for two days, as the suite's internal CA does for a
	 * service (serverAuth and clientAuth) or a gateway (clientAuth).
	 * @param name file name prefix: {@code name.crt} and {@code name.key}
	 * @param commonName the subject's common name
	 * @param subjectAltNames the subject alternative names, such as
	 * {@code DNS:localhost,IP:127.0.0.1}
	 * @param extendedKeyUsage such as {@code serverAuth,clientAuth}
	 * @return the certificate and key files
	 */
	Issued issue(String name, String commonName, String subjectAltNames, String extendedKeyUsage) {
		return issue(name, Math.abs(name.hashCode()) + 1L, 2, commonName, subjectAltNames, extendedKeyUsage);
	}

	private Issued issue(String name, long serial, int days, String commonName, String subjectAltNames,
			String extendedKeyUsage) {
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
					this.caKey.toString(), "-set_serial", Long.toString(serial), "-days", Integer.toString(days),
					"-extfile", extensions.toString(), "-out", certificate.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return new Issued(certificate, key, BigInteger.valueOf(serial));
	}

	/**
	 * Replace the files of one certificate with those of another, each in one atomic
	 * move, as a certificate renewal does.
	 * @param from the new certificate
	 * @param to the files the server reads
	 */
	static void rotate(Issued from, Issued to) {
		try {
			Files.move(from.key(), to.key(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Files.move(from.certificate(), to.certificate(), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A fresh client SSL context (no shared session cache) that trusts this CA only.
	 * @return the context
	 */
	SSLContext clientContext() {
		try (InputStream in = Files.newInputStream(this.caCertificate)) {
			X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
			trust.load(null, null);
			trust.setCertificateEntry("ca", ca);
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trust);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * Run {@code openssl} and return what it printed; fail when it exits with an error.
	 * @param arguments its arguments
	 * @return its output (stdout and stderr)
	 */
	static String openssl(String... arguments) {
		OpenSslResult result = tryOpenssl(null, arguments);
		if (result.exitCode() != 0) {
			throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed: " + result.output());
		}
		return result.output();
	}

	/**
	 * Run {@code openssl} with some input and return its exit code and output.
	 * @param input what it reads, or {@code null} for nothing
	 * @param arguments its arguments
	 * @return its exit code and output
	 */
	static OpenSslResult tryOpenssl(String input, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			try (var stdin = process.getOutputStream()) {
				if (input != null) {
					new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)).transferTo(stdin);
				}
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("openssl " + String.join(" ", arguments) + " did not finish");
			}
			return new OpenSslResult(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("openssl is needed on the PATH to make test certificates", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Issued(Path certificate, Path key, BigInteger serial) {

	}

	record OpenSslResult(int exitCode, String output) {

	}

}
