package io.github.bffsuite.edge.test;

import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a gateway test needs around a running gateway: signing keys, a real JWKS endpoint
 * and a real HTTP backend that stands in for the downstream services. As a static
 * {@code @RegisterExtension} field it empties the backend's record before each test and
 * stops both servers after the class.
 */
public final class GatewayTestFixture implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

	private final TestKeys keys = new TestKeys();

	private final JwksServer jwks = new JwksServer(this.keys);

	private final EchoServer backend = new EchoServer();

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

	@Override
	public void beforeEach(ExtensionContext context) {
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
