package io.github.bffsuite.edge.test;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.Assert;

/**
 * What a gateway test needs around a running gateway: signing keys, a real JWKS endpoint
 * and a real HTTP backend that stands in for the downstream services. As a static
 * {@code @RegisterExtension} field of a {@code @SpringBootTest} with a running server, it
 * binds a {@link #client()} to that server and empties the backend's record before each
 * test, and stops both servers after the class.
 */
public final class GatewayTestFixture implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

	private final TestKeys keys = new TestKeys();

	private final JwksServer jwks = new JwksServer(this.keys);

	private final EchoServer backend = new EchoServer();

	private int port;

	private @Nullable WebTestClient client;

	/**
	 * Return the signing keys.
	 * @return the keys
	 */
	public TestKeys keys() {
		return this.keys;
	}

	/**
	 * Return the JWKS endpoint.
	 * @return the endpoint
	 */
	public JwksServer jwks() {
		return this.jwks;
	}

	/**
	 * Return the backend.
	 * @return the backend
	 */
	public EchoServer backend() {
		return this.backend;
	}

	/**
	 * Point the gateway's JWT validation at the test issuer and JWKS, and the given named
	 * downstream services at the backend.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param services names under {@code edge.downstream.services}
	 */
	public void register(DynamicPropertyRegistry registry, String... services) {
		registry.add("edge.security.jwt.issuer-uri", () -> "http://issuer.test");
		registry.add("edge.security.jwt.jwk-set-uri", this.jwks::uri);
		for (String service : services) {
			registry.add("edge.downstream.services." + service + ".base-url", this.backend::url);
		}
	}

	/**
	 * A client bound to a running server.
	 * @param port the server's port
	 * @return the client
	 */
	public static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	/**
	 * Add a gateway route that forwards the paths matching a pattern to a URI.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 * @param index the route's index under
	 * {@code spring.cloud.gateway.server.webflux.routes}
	 * @param id the route's id
	 * @param uri the route's URI, read when the context starts
	 * @param path the route's path pattern
	 */
	public static void route(DynamicPropertyRegistry registry, int index, String id, Supplier<Object> uri,
			String path) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", uri);
		registry.add(prefix + "predicates[0]", () -> "Path=" + path);
	}

	/**
	 * Return the port of the running gateway of the current test.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return a client bound to the running gateway of the current test.
	 * @return the client
	 */
	public WebTestClient client() {
		Assert.state(this.client != null, "No running server: is the test a @SpringBootTest with a web environment?");
		return this.client;
	}

	/**
	 * Send a GET with a bearer token to the running gateway of the current test.
	 * @param path the path
	 * @param token the bearer token
	 * @return the response
	 */
	public WebTestClient.ResponseSpec get(String path, String token) {
		return client().get().uri(path).headers((headers) -> headers.setBearerAuth(token)).exchange();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Integer port = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getProperty("local.server.port", Integer.class);
		if (port != null) {
			this.port = port;
			this.client = client(port);
		}
		this.backend.clear();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	@Override
	public void close() {
		this.jwks.close();
		this.backend.close();
	}

}
