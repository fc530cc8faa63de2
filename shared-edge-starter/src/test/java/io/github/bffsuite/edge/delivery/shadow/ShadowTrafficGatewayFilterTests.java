package io.github.bffsuite.edge.delivery.shadow;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.identity.IdentityHeaders;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.StubServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shadow traffic through the running gateway: the route's backend and the shadow targets
 * are real HTTP servers, and the caller has a real signed JWT.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.application.name=bff-test", "edge.security.jwt.audiences=bff-test",
				"edge.identity.signing.enabled=true", "edge.delivery.shadow.routes.bodies.methods=GET,POST",
				"edge.delivery.shadow.routes.bodies.max-body-size=32B",
				"edge.delivery.shadow.routes.hung.max-concurrency=2", "edge.delivery.shadow.routes.hung.timeout=5m",
				"edge.delivery.shadow.routes.refused.timeout=5s", "edge.delivery.shadow.routes.none.share=0",
				"edge.delivery.shadow.routes.quarter.share=0.25" })
class ShadowTrafficGatewayFilterTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final KeyPair identityKeys = ecKeyPair();

	static final EchoServer shadow = new EchoServer();

	static final FailingServer failing = new FailingServer();

	static final HungServer hung = new HungServer(2);

	static final StubServer flakyBackend = new StubServer("flaky");

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ShadowTargets targets;

	private WebTestClient client;

	@DynamicPropertySource
	static void gateway(DynamicPropertyRegistry registry) throws Exception {
		fixture.register(registry, "catalogue");
		registry.add("edge.identity.signing.private-key", ShadowTrafficGatewayFilterTests::identityKeyFile);
		String backend = fixture.backend().url();
		// the downstream request of this route is /items/...: the copy gets the same
		route(registry, 0, "mirrored", "${edge.downstream.services.catalogue.base-url}", "StripPrefix=1",
				"CallDownstream=catalogue");
		// a route whose CallDownstream retries a 503 answer: still one copy per request
		String flaky = "edge.downstream.services.flaky.";
		registry.add(flaky + "base-url", flakyBackend::url);
		registry.add(flaky + "retry.max-attempts", () -> "3");
		registry.add(flaky + "retry.initial-backoff", () -> "1ms");
		registry.add(flaky + "retry.max-backoff", () -> "2ms");
		registry.add(flaky + "circuit-breaker.enabled", () -> "false");
		route(registry, 8, "retried", "${edge.downstream.services.flaky.base-url}", "StripPrefix=1",
				"CallDownstream=flaky");
		registry.add("edge.delivery.shadow.routes.retried.target", shadow::url);
		String[] others = { "bodies", "failing", "hung", "refused", "none", "quarter", "defaults" };
		for (int i = 0; i < others.length; i++) {
			route(registry, i + 1, others[i], backend, "AddRequestHeader=X-Route, " + others[i]);
		}
		registry.add("edge.delivery.shadow.routes.mirrored.target", shadow::url);
		registry.add("edge.delivery.shadow.routes.bodies.target", shadow::url);
		registry.add("edge.delivery.shadow.routes.failing.target", failing::url);
		registry.add("edge.delivery.shadow.routes.hung.target", hung::url);
		registry.add("edge.delivery.shadow.routes.refused.target", () -> "http://127.0.0.1:" + StubServer.deadPort());
		registry.add("edge.delivery.shadow.routes.none.target", shadow::url);
		registry.add("edge.delivery.shadow.routes.quarter.target", shadow::url);
		registry.add("edge.delivery.shadow.routes.defaults.target", shadow::url);
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String uri, String... filters) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", () -> uri);
		registry.add(prefix + "predicates[0]", () -> "Path=/" + id + "/**");
		for (int i = 0; i < filters.length; i++) {
			String filter = filters[i];
			registry.add(prefix + "filters[" + i + "]", () -> filter);
		}
	}

	@AfterAll
	static void stop() {
		shadow.close();
		failing.close();
		hung.close();
		flakyBackend.close();
	}

	@BeforeEach
	void bind() {
		this.client = GatewayTestFixture.client(fixture.port());
	}

	@Test
	void copiesTheRoutesDownstreamRequestWithTheSameIdentityMarkedAsShadow() throws Exception {
		get("/mirrored/items/p-1?q=a b&limit=2", "rid-copy-1").expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Edge-Shadow");
		EchoServer.Received main = fixture.backend().last();
		EchoServer.Received copy = awaitCopies("/items/p-1", 1).get(0);
		assertThat(main.uri()).isEqualTo("/items/p-1?q=a%20b&limit=2");
		assertThat(copy.uri()).isEqualTo(main.uri());
		assertThat(copy.method()).isEqualTo("GET");
		assertThat(copy.header("X-Edge-Shadow")).containsExactly("true");
		assertThat(main.header("X-Edge-Shadow")).isEmpty();
		for (String name : List.of(IdentityHeaders.USER_ID, IdentityHeaders.TENANT_ID, IdentityHeaders.SCOPES)) {
			assertThat(main.header(name)).as(name).isNotEmpty();
			assertThat(copy.header(name)).as(name).isEqualTo(main.header(name));
		}
		assertThat(copy.header("X-Request-ID")).containsExactly("rid-copy-1-shadow");
		assertThat(main.header("X-Request-ID")).containsExactly("rid-copy-1");
		// the same signed identity: for the route's service, naming the original request
		JWTClaimsSet signed = verified(copy.header("Edge-Identity").get(0));
		assertThat(signed.getAudience()).containsExactly("catalogue");
		assertThat(signed.getSubject()).isEqualTo("u-001");
		assertThat(signed.getStringClaim("rid")).isEqualTo("rid-copy-1");
		await().atMost(WAIT).untilAsserted(() -> assertThat(count("mirrored", "sent")).isEqualTo(1));
		assertThat(this.meters.find("edge.delivery.shadow.responses")
			.tags("route", "mirrored", "status", "2xx")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void theClientsAnswerIsTheRoutesWhenTheShadowAnswers500() {
		get("/failing/x", null).expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("X-Shadow-Only")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"ok\":true").doesNotContain("broken"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(count("failing", "sent")).isEqualTo(1));
		assertThat(failing.received()).isEqualTo(1);
		assertThat(this.meters.find("edge.delivery.shadow.responses")
			.tags("route", "failing", "status", "5xx")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void theClientsAnswerIsTheRoutesWhenTheShadowRefusesConnections() {
		for (int i = 0; i < 3; i++) {
			get("/refused/x", null).expectStatus().isOk();
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(count("refused", "failed")).isEqualTo(3));
	}

	@Test
	void aHungShadowHoldsAtMostMaxConcurrencyCopiesAndTheRestAreDroppedNotQueued() throws Exception {
		// each answer comes back while its copy hangs: the client never waits for the
		// shadow
		get("/hung/1", null).expectStatus().isOk();
		get("/hung/2", null).expectStatus().isOk();
		assertThat(hung.arrived.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.targets.inFlight("hung")).isEqualTo(2);
		for (int i = 3; i <= 12; i++) {
			get("/hung/" + i, null).expectStatus().isOk();
		}
		assertThat(count("hung", "dropped")).isEqualTo(10);
		assertThat(this.targets.inFlight("hung")).isEqualTo(2);
		assertThat(hung.received()).isEqualTo(2);
	}

	@Test
	void aRequestThatCallDownstreamRetriesIsCopiedOnce() {
		get("/retried/status/503/once", null);
		assertThat(flakyBackend.count("status/503/once")).isGreaterThan(1);
		awaitCopies("/status/503/once", 1);
		get("/retried/after", null).expectStatus().isOk();
		awaitCopies("/after", 1);
		assertThat(copies("/status/503/once")).hasSize(1);
	}

	@Test
	void onlyIdempotentMethodsAreCopiedByDefault() {
		this.client.post()
			.uri("/defaults/orders")
			.headers((headers) -> headers.setBearerAuth(token()))
			.bodyValue("{\"item\":\"p-1\"}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(fixture.backend().last().body()).isEqualTo("{\"item\":\"p-1\"}");
		assertThat(count("defaults", "skipped-method")).isEqualTo(1);
		get("/defaults/after", null).expectStatus().isOk();
		awaitCopies("/defaults/after", 1);
		assertThat(copies("/defaults/orders")).isEmpty();
	}

	@Test
	void smallBodiesAreCopiedAndLargeOrChunkedOnesAreNot() {
		post("/bodies/small", "0123456789");
		EchoServer.Received copy = awaitCopies("/bodies/small", 1).get(0);
		assertThat(copy.method()).isEqualTo("POST");
		assertThat(copy.body()).isEqualTo("0123456789");
		assertThat(copy.header("Content-Length")).containsExactly("10");
		String large = "x".repeat(100);
		post("/bodies/large", large);
		assertThat(fixture.backend().last().body()).isEqualTo(large);
		this.client.post()
			.uri("/bodies/chunked")
			.headers((headers) -> headers.setBearerAuth(token()))
			.body(Flux.just("chunk-1,", "chunk-2"), String.class)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(fixture.backend().last().body()).isEqualTo("chunk-1,chunk-2");
		assertThat(count("bodies", "too-large")).isEqualTo(2);
		get("/bodies/after", null).expectStatus().isOk();
		awaitCopies("/bodies/after", 1);
		assertThat(copies("/bodies/large")).isEmpty();
		assertThat(copies("/bodies/chunked")).isEmpty();
	}

	@Test
	void shareZeroCopiesNothingShareOneEverythingAndAQuarterEveryFourthRequest() {
		for (int i = 0; i < 8; i++) {
			get("/none/" + i, null).expectStatus().isOk();
			get("/quarter/" + i, null).expectStatus().isOk();
			get("/mirrored/share/" + i, null).expectStatus().isOk();
		}
		awaitCopies("/share/", 8);
		awaitCopies("/quarter/", 2);
		assertThat(copies("/none/")).isEmpty();
		assertThat(copies("/quarter/")).hasSize(2);
	}

	private WebTestClient.ResponseSpec get(String path, String requestId) {
		return this.client.get().uri(path).headers((headers) -> {
			headers.setBearerAuth(token());
			if (requestId != null) {
				headers.set("X-Request-ID", requestId);
			}
		}).exchange();
	}

	private void post(String path, String body) {
		this.client.post()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(token()))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();
	}

	private static String token() {
		return fixture.keys().token().build();
	}

	private double count(String route, String outcome) {
		Counter counter = this.meters.find("edge.delivery.shadow.requests")
			.tags("route", route, "outcome", outcome)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static List<EchoServer.Received> copies(String pathPrefix) {
		return shadow.received().stream().filter((received) -> received.uri().startsWith(pathPrefix)).toList();
	}

	private static List<EchoServer.Received> awaitCopies(String pathPrefix, int count) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(copies(pathPrefix)).hasSize(count));
		return copies(pathPrefix);
	}

	private static JWTClaimsSet verified(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) identityKeys.getPublic()))).isTrue();
		return jwt.getJWTClaimsSet();
	}

	private static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String identityKeyFile() {
		try {
			Path file = Files.createTempFile("shadow-identity", ".pem");
			file.toFile().deleteOnExit();
			Files.writeString(file,
					"-----BEGIN PRIVATE KEY-----\n"
							+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
								.encodeToString(identityKeys.getPrivate().getEncoded())
							+ "\n-----END PRIVATE KEY-----\n");
			return file.toString();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A shadow that answers 500 with a header of its own.
	 */
	static final class FailingServer implements AutoCloseable {

		private final AtomicInteger received = new AtomicInteger();

		private final DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				this.received.incrementAndGet();
				return response.status(HttpStatus.INTERNAL_SERVER_ERROR.value())
					.header("X-Shadow-Only", "leaked")
					.sendString(Mono.just("{\"shadow\":\"broken\"}"))
					.then();
			})
			.bindNow();

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		int received() {
			return this.received.get();
		}

		@Override
		public void close() {
			this.server.disposeNow();
		}

	}

	/**
	 * A shadow that reads each request and never answers.
	 */
	static final class HungServer implements AutoCloseable {

		final CountDownLatch arrived;

		private final AtomicInteger received = new AtomicInteger();

		private final DisposableServer server;

		HungServer(int expected) {
			this.arrived = new CountDownLatch(expected);
			this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
				this.received.incrementAndGet();
				this.arrived.countDown();
				return Mono.never();
			}).bindNow();
		}

		String url() {
			return "http://127.0.0.1:" + this.server.port();
		}

		int received() {
			return this.received.get();
		}

		@Override
		public void close() {
			try {
				this.server.disposeNow(Duration.ofSeconds(1));
			}
			catch (IllegalStateException ex) {
				// its connections never finish: closing them is enough
			}
		}

	}

}
