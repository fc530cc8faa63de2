package io.github.bffsuite.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.web.TestCertificates.Issued;
import io.github.bffsuite.web.TestCertificates.OpenSslResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * bff-web with the {@code tls} profile, through real Netty on a random port: protocols
 * and ciphers, ALPN, HSTS, certificate hot reload and a plain-HTTP caller. Certificates
 * come from a throwaway CA made at test time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "EDGE_TLS_RELOAD_QUIET_PERIOD=200ms" })
@ActiveProfiles("tls")
class BffWebTlsTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestCertificates certificates = TestCertificates.create();

	static final AtomicLong serials = new AtomicLong(1000);

	static final Issued served = certificates.issue("server", serials.incrementAndGet(), 2);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry, "user-service", "order-service", "product-service");
		registry.add("EDGE_TLS_CERT", () -> served.certificate().toString());
		registry.add("EDGE_TLS_KEY", () -> served.key().toString());
	}

	@AfterAll
	static void stop() {
		fixture.close();
	}

	@Test
	void negotiatesTls13() throws IOException {
		SSLSession session = handshake("TLSv1.3");
		assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
	}

	@Test
	void negotiatesTls12WithAForwardSecretAeadCipher() throws IOException {
		SSLSession session = handshake("TLSv1.2");
		assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
		assertThat(session.getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");
	}

	@Test
	void refusesTls11() {
		OpenSslResult result = sClient("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
		assertThat(result.exitCode()).as(result.output()).isNotZero();
		assertThat(result.output()).contains("alert protocol version");
	}

	@Test
	void refusesTls12CiphersWithoutForwardSecrecyOrAead() {
		for (String cipher : new String[] { "AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA",
				"ECDHE-ECDSA-AES256-SHA384" }) {
			OpenSslResult result = sClient("-tls1_2", "-cipher", cipher);
			assertThat(result.exitCode()).as(cipher + ": " + result.output()).isNotZero();
			assertThat(result.output()).as(cipher).contains("alert handshake failure");
		}
	}

	@Test
	void negotiatesHttp2ByAlpnAndWritesHsts() throws Exception {
		HttpResponse<String> response = send(HttpClient.Version.HTTP_2);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(response.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
	}

	@Test
	void stillServesHttp11() throws Exception {
		HttpResponse<String> response = send(HttpClient.Version.HTTP_1_1);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void keepsTheManagementPortOnPlainHttp() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.managementPort + "/actuator/health"))
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void closesAPlainHttpConnectionWithoutHanging() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", this.port), 5000);
			// a hang shows up as a SocketTimeoutException, which fails the test
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /api/products HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			byte[] answer = readUntilClosed(socket.getInputStream());
			assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/1.1 200");
		}
	}

	@Test
	void servesARenewedCertificateOnNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
		HttpClient open = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.sslContext(certificates.clientContext())
			.build();
		BigInteger before = serialOf(send(open));
		Issued renewed = certificates.issue("renewed", serials.incrementAndGet(), 2);
		TestCertificates.rotate(renewed, served);
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(serialOf(handshake("TLSv1.3"))).isEqualTo(renewed.serial()));
		HttpResponse<String> again = send(open);
		assertThat(again.statusCode()).isEqualTo(401);
		assertThat(serialOf(again)).as("the connection opened before the renewal").isEqualTo(before);
	}

	private SSLSession handshake(String protocol) throws IOException {
		try (SSLSocket socket = (SSLSocket) certificates.clientContext()
			.getSocketFactory()
			.createSocket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			socket.setEnabledProtocols(new String[] { protocol });
			socket.startHandshake();
			return socket.getSession();
		}
	}

	private OpenSslResult sClient(String... options) {
		String[] arguments = new String[options.length + 5];
		arguments[0] = "s_client";
		arguments[1] = "-connect";
		arguments[2] = "127.0.0.1:" + this.port;
		arguments[3] = "-CAfile";
		arguments[4] = certificates.caCertificate().toString();
		System.arraycopy(options, 0, arguments, 5, options.length);
		return TestCertificates.tryOpenssl("", arguments);
	}

	private HttpResponse<String> send(HttpClient.Version version) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(version).sslContext(certificates.clientContext()).build();
		return send(client);
	}

	private HttpResponse<String> send(HttpClient client) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/products"))
			.timeout(Duration.ofSeconds(10))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static BigInteger serialOf(HttpResponse<?> response) throws IOException {
		return serialOf(response.sslSession().orElseThrow());
	}

	private static BigInteger serialOf(SSLSession session) throws IOException {
		return ((X509Certificate) session.getPeerCertificates()[0]).getSerialNumber();
	}

	private static byte[] readUntilClosed(InputStream in) throws IOException {
		try {
			return in.readAllBytes();
		}
		catch (SocketException ex) {
			// a reset is a clean refusal too
			return new byte[0];
		}
	}

}
