package io.github.bffsuite.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.tls.HttpsRedirectServer;
import io.github.bffsuite.web.TestCertificates.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bff-web with the {@code tls} profile and {@code edge.tls.http-redirect.port}: plain
 * HTTP on a second port answers with a redirect to the same path and query over HTTPS,
 * which a client can follow; without the property plain HTTP is off
 * ({@link BffWebTlsTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "edge.tls.http-redirect.port=0" })
@ActiveProfiles("tls")
class BffWebHttpsRedirectTests {

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestCertificates certificates = TestCertificates.create();

	static final Issued served = certificates.issue("server", 2001, 2);

	@LocalServerPort
	int port;

	@Autowired
	HttpsRedirectServer redirect;

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
	void redirectsPlainHttpToTheSamePathAndQueryOverHttps() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI
					.create("http://localhost:" + this.redirect.getPort() + "/api/products/p-001?fields=name&x=%2F"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://localhost:" + this.port + "/api/products/p-001?fields=name&x=%2F");
		// RFC 6797: no HSTS over plain HTTP
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	@Test
	void aClientFollowsTheRedirectToTheTlsListener() throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.ALWAYS)
			.sslContext(certificates.clientContext())
			.build();
		HttpResponse<String> response = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.redirect.getPort() + "/api/products"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.uri().getScheme()).isEqualTo("https");
		assertThat(response.sslSession()).isPresent();
		// the edge answers over TLS: no token, so 401 with its challenge and HSTS
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
	}

	@Test
	void refusesAHostHeaderThatIsNotAHost() throws IOException {
		String answer = rawRequest(
				"GET /api/products HTTP/1.1\r\nHost: evil.example/phish?\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400");
		assertThat(answer).contains("application/problem+json").contains("/problems/bad-request");
		assertThat(answer).doesNotContain("Location");
	}

	private String rawRequest(String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", this.redirect.getPort()), 5000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

}
