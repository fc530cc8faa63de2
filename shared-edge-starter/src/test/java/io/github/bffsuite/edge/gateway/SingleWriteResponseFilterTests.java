package io.github.bffsuite.edge.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Small proxied responses reach the client in one write, through a running gateway and a
 * real downstream: the gateway's server channels count the flushes that carried bytes,
 * and every kind of body (small, in pieces, large, streamed, none) arrives intact.
 */
@SpringBootTest(classes = { EdgeTestApplication.class, SingleWriteResponseFilterTests.WriteCounting.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.audiences=bff-test", "edge.web.proxy.single-write-max-size=2KB" })
class SingleWriteResponseFilterTests {

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final String SMALL = "s".repeat(1000);

	static final String LARGE = "l".repeat(3000);

	static final Sinks.One<String> streamGate = Sinks.one();

	static final DisposableServer downstream = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.route((routes) -> routes
			.get("/ds/small",
					(request, response) -> response.header("Content-Type", "text/plain").sendString(Mono.just(SMALL)))
			// a known length, sent in three pieces some time apart
			.get("/ds/pieces",
					(request, response) -> response.header(HttpHeaderNames.CONTENT_LENGTH, "1500")
						.sendString(Flux.just("a".repeat(500), "b".repeat(500), "c".repeat(500))
							.delayElements(Duration.ofMillis(30))))
			.get("/ds/large", (request, response) -> response.sendString(Mono.just(LARGE)))
			// no length: streamed, its second part only once the test has read the first
			.get("/ds/stream",
					(request, response) -> response.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE)
						.sendString(Flux.concat(Mono.just("data: first\n\n"),
								streamGate.asMono().map((last) -> "data: " + last + "\n\n"))))
			.get("/ds/empty", (request, response) -> response.status(204).send())
			.head("/ds/small", (request, response) -> response.header(HttpHeaderNames.CONTENT_LENGTH, "1000").send()))
		.bindNow();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		GatewayTestFixture.route(registry, 0, "ds", () -> "http://127.0.0.1:" + downstream.port(), "/ds/**");
	}

	@AfterAll
	static void stop() {
		downstream.disposeNow();
	}

	@Test
	void writesASmallResponseWithItsHeadersAtOnce() {
		// warm up: the first request fetches the JWKS
		get("/ds/small");
		int before = WriteCounting.writes.get();
		String body = get("/ds/small");
		assertThat(body).isEqualTo(SMALL);
		assertThat(WriteCounting.writes.get() - before).isEqualTo(1);
	}

	@Test
	void gathersABodyOfKnownLengthThatArrivesInPieces() {
		get("/ds/small");
		int before = WriteCounting.writes.get();
		assertThat(get("/ds/pieces")).isEqualTo("a".repeat(500) + "b".repeat(500) + "c".repeat(500));
		assertThat(WriteCounting.writes.get() - before).isEqualTo(1);
	}

	@Test
	void passesLargerBodiesOnAsTheyArrive() {
		get("/ds/small");
		int before = WriteCounting.writes.get();
		assertThat(get("/ds/large")).isEqualTo(LARGE);
		// the headers, then the body: what every body took before
		assertThat(WriteCounting.writes.get() - before).isGreaterThanOrEqualTo(2);
	}

	@Test
	void passesAStreamOnBeforeItEnds() {
		String first = WebClient.create("http://127.0.0.1:" + fixture.port())
			.get()
			.uri("/ds/stream")
			.headers((headers) -> headers.setBearerAuth(fixture.keys().token().build()))
			.accept(MediaType.TEXT_EVENT_STREAM)
			.retrieve()
			.bodyToFlux(String.class)
			.doOnNext((data) -> streamGate.tryEmitValue("last"))
			.take(2)
			.collectList()
			.map(String::valueOf)
			.block(Duration.ofSeconds(20));
		// the second event is only sent once the first reached the client
		assertThat(first).isEqualTo("[first, last]");
	}

	@Test
	void leavesResponsesWithoutABodyAsTheyAre() {
		fixture.client()
			.get()
			.uri("/ds/empty")
			.headers((headers) -> headers.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectBody()
			.isEmpty();
		fixture.client()
			.head()
			.uri("/ds/small")
			.headers((headers) -> headers.setBearerAuth(fixture.keys().token().build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(1000)
			.expectBody()
			.isEmpty();
	}

	@Test
	void answersTheNextRequestOnAConnectionAfterAProblemAndAProxiedAnswer() throws IOException {
		get("/ds/small");
		try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
			socket.setSoTimeout(10_000);
			// a problem answered at once, then proxied answers written in one piece: the
			// same connection goes on after each
			assertThat(exchange(socket, "/nowhere")).startsWith("HTTP/1.1 404");
			assertThat(exchange(socket, "/ds/small")).startsWith("HTTP/1.1 200").endsWith(SMALL);
			assertThat(exchange(socket, "/ds/small")).startsWith("HTTP/1.1 200").endsWith(SMALL);
			assertThat(exchange(socket, "/nowhere")).startsWith("HTTP/1.1 404");
		}
	}

	/**
	 * Send a GET on the connection and read its response, headers and a body of the
	 * length they give.
	 */
	private static String exchange(Socket socket, String path) throws IOException {
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
				+ fixture.keys().token().build() + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int read = in.read();
			assertThat(read).as("the response's headers").isNotNegative();
			head.write(read);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = headers.lines()
			.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
			.map((line) -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElseThrow();
		return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	private static String get(String path) {
		return fixture.get(path, fixture.keys().token().build())
			.expectStatus()
			.isOk()
			.expectHeader()
			.value(HttpHeaders.CONTENT_LENGTH, (length) -> assertThat(length).isNotBlank())
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Counts, on the gateway's server channels, the flushes that carried bytes: one per
	 * write system call.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class WriteCounting {

		static final AtomicInteger writes = new AtomicInteger();

		private static final String COUNTER = "test-write-counter";

		@Bean
		NettyServerCustomizer writeCountingCustomizer() {
			// called for every request of a connection: the counter is added once
			return (server) -> server.doOnConnection((connection) -> {
				if (connection.channel().pipeline().get(COUNTER) == null) {
					connection.channel().pipeline().addFirst(COUNTER, new WriteCounter());
				}
			});
		}

		static final class WriteCounter extends ChannelOutboundHandlerAdapter {

			private boolean pending;

			@Override
			public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
				if (message instanceof ByteBuf buffer && buffer.isReadable()) {
					this.pending = true;
				}
				super.write(context, message, promise);
			}

			@Override
			public void flush(ChannelHandlerContext context) throws Exception {
				if (this.pending) {
					this.pending = false;
					writes.incrementAndGet();
				}
				super.flush(context);
			}

		}

	}

}
