package io.github.bffsuite.edge.test;

import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What a gateway test needs around a running gateway: signing keys, a real JWKS endpoint
 * and a real HTTP backend that stands in for the downstream services.
 */
public final class GatewayTestFixture implements AutoCloseable {

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

	@Override
	public void close() {
		this.jwks.close();
		this.backend.close();
	}

}
