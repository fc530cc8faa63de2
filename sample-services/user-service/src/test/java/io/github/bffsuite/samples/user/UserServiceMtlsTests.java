package io.github.bffsuite.samples.user;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.github.bffsuite.samples.support.test.TestCertificates.Issued;
import io.github.bffsuite.samples.support.test.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * user-service with the {@code mtls} profile, through real sockets on random ports: only
 * a caller with a client certificate of the internal CA gets an answer; health stays on
 * the plain-HTTP management port. Certificates come from throwaway CAs made at test time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		// the mtls profile also signs/verifies identity: tested on its own
		// (SignedIdentity*Tests)
		"edge.identity.verification.enabled=false" })
@ActiveProfiles("mtls")
class UserServiceMtlsTests {

	static final TestCertificates internalCa = TestCertificates.create("Edge Internal Test CA");

	static final TestCertificates otherCa = TestCertificates.create("Some Other CA");

	static final Issued serviceCertificate = internalCa.issue("user-service", "user-service",
			"DNS:localhost,IP:127.0.0.1", "serverAuth,clientAuth");

	static final Issued gatewayCertificate = internalCa.issue("bff-web", "bff-web", "DNS:bff-web", "clientAuth");

	/** The same name as the gateway's, from a CA the service does not trust. */
	static final Issued foreignCertificate = otherCa.issue("bff-web", "bff-web", "DNS:bff-web", "clientAuth");

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("SERVICE_TLS_CERT", () -> serviceCertificate.certificate().toString());
		registry.add("SERVICE_TLS_KEY", () -> serviceCertificate.key().toString());
		registry.add("EDGE_INTERNAL_CA", () -> internalCa.caCertificate().toString());
	}

	@Test
	void answersACallerWithAClientCertificateOfTheInternalCa() throws Exception {
		HttpResponse<String> response = send(internalCa.clientContext(gatewayCertificate));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Alice Anders");
	}

	@Test
	void givesNoAnswerToACallerWithoutAClientCertificate() {
		// the caller trusts the service's certificate; the service refuses the caller
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(internalCa.clientContext(null)));
	}

	@Test
	void failsTheTls12HandshakeOfACallerWithoutACertificateOfTheInternalCa() {
		// in TLS 1.2 the service checks the client's certificate before its Finished
		// message, so the handshake itself fails (in TLS 1.3 the first read does): with
		// the service's alert (SSLHandshakeException) or, when the service has already
		// closed the connection, a broken pipe or reset
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> handshake(internalCa.clientContext(null), "TLSv1.2"));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> handshake(internalCa.clientContext(foreignCertificate), "TLSv1.2"));
	}

	@Test
	void completesTheTls12HandshakeOfACallerWithAClientCertificateOfTheInternalCa() throws IOException {
		SSLSession session = handshake(internalCa.clientContext(gatewayCertificate), "TLSv1.2");
		assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
	}

	@Test
	void givesNoAnswerToACallerWithAClientCertificateOfAnotherCa() {
		// trusts the service's certificate, presents one the service does not trust
		SSLContext foreign = internalCa.clientContext(foreignCertificate);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(foreign));
	}

	@Test
	void keepsHealthOnThePlainHttpManagementPort() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	private SSLSession handshake(SSLContext context, String protocol) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", this.port)) {
			socket.setSoTimeout(20_000);
			socket.setEnabledProtocols(new String[] { protocol });
			socket.startHandshake();
			return socket.getSession();
		}
	}

	private HttpResponse<String> send(SSLContext context) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/users/u-001"))
			.header("X-Tenant-ID", "acme")
			.timeout(Duration.ofSeconds(20))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
