package io.github.bffsuite.edge.test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP JWKS endpoint for tests, at {@code /jwks}, that counts its fetches and can
 * be made to fail or hang.
 */
public final class JwksServer implements AutoCloseable {

	private final TestKeys keys;

	private final AtomicInteger fetches = new AtomicInteger();

	private volatile Mode mode = Mode.UP;

	private final DisposableServer server;

	public JwksServer(TestKeys keys) {
		this.keys = keys;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/jwks", (request, response) -> {
				this.fetches.incrementAndGet();
				return switch (this.mode) {
					case UP ->
						response.header("Content-Type", "application/json").sendString(Mono.just(this.keys.jwksJson()));
					case FAILING -> response.status(503).send();
					case HANGING -> Mono.delay(Duration.ofMinutes(5)).then(response.send());
				};
			}))
			.bindNow();
	}

	/**
	 * Return the JWKS URI.
	 * @return the URI
	 */
	public String uri() {
		return "http://127.0.0.1:" + this.server.port() + "/jwks";
	}

	/**
	 * Properties that make a gateway accept tokens of the test issuer, for audience
	 * {@code bff-test}, signed with keys from this endpoint.
	 * @return the properties, in a map the caller may add to
	 */
	public Map<String, Object> gatewayProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("edge.security.jwt.issuer-uri", "http://issuer.test");
		properties.put("edge.security.jwt.audiences", "bff-test");
		properties.put("edge.security.jwt.jwk-set-uri", uri());
		return properties;
	}

	/**
	 * Return how many times the JWKS was requested.
	 * @return the count
	 */
	public int fetches() {
		return this.fetches.get();
	}

	/**
	 * Change how the endpoint answers.
	 * @param mode the mode
	 */
	public void mode(Mode mode) {
		this.mode = mode;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * How the endpoint answers.
	 */
	public enum Mode {

		/** Serves the keys. */
		UP,

		/** Answers 503. */
		FAILING,

		/** Never answers. */
		HANGING

	}

}
