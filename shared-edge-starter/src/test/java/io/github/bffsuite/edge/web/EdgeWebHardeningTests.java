package io.github.bffsuite.edge.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server hardening and downstream failures through a running gateway: idle and slow
 * clients are cut off, an unreachable backend is a 502 problem and a slow one a 504
 * problem, and identity and request id reach downstream calls made with the
 * auto-configured {@code WebClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = { EdgeTestApplication.class, EdgeWebHardeningTests.AggregateController.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.web.limits.idle-timeout=1s", "edge.web.limits.read-timeout=1s",
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
				"spring.cloud.gateway.server.webflux.httpclient.connect-timeout=1000" })
class EdgeWebHardeningTests {

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final DisposableServer slow = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> Mono.delay(Duration.ofSeconds(5))
			.then(response.sendString(Mono.just("late")).then()))
		.bindNow();

	static final int closedPort = freePort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry, "echo");
		GatewayTestFixture.route(registry, 0, "closed", () -> "http://127.0.0.1:" + closedPort, "/closed/**");
		GatewayTestFixture.route(registry, 1, "slow", () -> "http://127.0.0.1:" + slow.port(), "/slow/**");
	}

	@AfterAll
	static void stop() {
		slow.disposeNow();
	}

	@Test
	void unreachableBackendIsBadGatewayProblem() {
		fixture.get("/closed/x", fixture.keys().token().build())
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/bad-gateway")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).doesNotContain("127.0.0.1"));
	}

	@Test
	void slowBackendIsGatewayTimeoutProblem() {
		fixture.get("/slow/x", fixture.keys().token().build())
			.expectStatus()
			.isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/gateway-timeout");
	}

	@Test
	void closesIdleConnection() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
			socket.setSoTimeout(10_000);
			long started = System.nanoTime();
			assertThat(socket.getInputStream().read()).isEqualTo(-1);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
		}
	}

	@Test
	void cutsOffClientThatStallsMidRequest() throws IOException {
		try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /closed/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\nAuthorization: Bearer "
					+ fixture.keys().token().build() + "\r\n\r\n{\"partial\":")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			try {
				byte[] buffer = new byte[4096];
				while (in.read(buffer) != -1) {
					// drain whatever error the server answers before it closes
				}
			}
			catch (SocketTimeoutException ex) {
				throw new AssertionError("The server kept a stalled request open", ex);
			}
		}
	}

	@Test
	void sendsIdentityAndRequestIdOnWebClientCalls(CapturedOutput output) {
		fixture.client()
			.get()
			.uri("/aggregate/me")
			.header("X-Request-ID", "agg-1")
			.header("X-User-ID", "u-666")
			.headers((h) -> h.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectStatus()
			.isOk();
		EchoServer.Received received = fixture.backend().last();
		assertThat(received.uri()).isEqualTo("/users/me");
		assertThat(received.header("X-User-ID")).containsExactly("u-001");
		assertThat(received.header("X-Tenant-ID")).containsExactly("acme");
		assertThat(received.header("X-Request-ID")).containsExactly("agg-1");
		assertThat(output.getOut().lines().filter((line) -> line.contains("Aggregating the caller's profile")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(",agg-1]"));
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@RestController
	static class AggregateController {

		private static final Log logger = LogFactory.getLog(AggregateController.class);

		private final WebClient webClient;

		AggregateController(WebClient.Builder builder,
				io.github.bffsuite.edge.downstream.EdgeDownstreamProperties downstream) {
			this.webClient = builder.baseUrl(downstream.getServices().get("echo").getBaseUrl()).build();
		}

		@GetMapping("/aggregate/me")
		Mono<String> me() {
			// handle restores the request id into the MDC with Spring Boot's default
			// (limited) context propagation
			return Mono.just("me").<String>handle((name, sink) -> {
				logger.info("Aggregating the caller's profile");
				sink.next(name);
			}).then(this.webClient.get().uri("/users/me").retrieve().bodyToMono(String.class));
		}

	}

}
