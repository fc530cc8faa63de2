package io.github.bffsuite.edge.test;

import io.github.bffsuite.edge.EdgeTestApplication;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One running gateway shared by the downstream and observability tests: real JWTs, two
 * real stub services ({@link #serviceA}, {@link #serviceB}) and a dead port, with named
 * downstreams whose policies are small enough to trip in a test.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.security.permit-paths=/actuator/health,/actuator/prometheus",
				"management.endpoints.web.exposure.include=health,prometheus", "edge.observability.client-type=test",
				"management.tracing.sampling.probability=1.0",
				// as the gateways set it: a route's call is timed once, by CallDownstream
				"spring.cloud.gateway.server.webflux.httpclient.response-timeout=10s" })
public abstract class EdgeGatewayTestSupport {

	protected static final TestKeys keys = new TestKeys();

	protected static final JwksServer jwks = new JwksServer(keys);

	protected static final StubServer serviceA = new StubServer("a");

	protected static final StubServer serviceB = new StubServer("b");

	protected static final int deadPort = StubServer.deadPort();

	@LocalServerPort
	protected int port;

	protected WebTestClient client;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		String dead = "http://127.0.0.1:" + deadPort;
		service(registry, "users", serviceA.url());
		service(registry, "timeout", serviceA.url(), "response-timeout=500ms", "circuit-breaker.enabled=false");
		for (String name : new String[] { "breaker", "breaker-route", "lenient" }) {
			service(registry, name, serviceA.url(), "circuit-breaker.sliding-window-size=4",
					"circuit-breaker.minimum-number-of-calls=4", "circuit-breaker.wait-duration-in-open-state=500ms",
					"circuit-breaker.permitted-calls-in-half-open-state=2", "retry.enabled=false");
		}
		for (String name : new String[] { "budget", "budget-route" }) {
			service(registry, name, serviceA.url(), "circuit-breaker.enabled=false", "retry.max-attempts=3",
					"retry.initial-backoff=1ms", "retry.max-backoff=2ms", "retry.budget.ratio=0.2",
					"retry.budget.burst=2");
		}
		service(registry, "hung", serviceA.url(), "response-timeout=5s", "bulkhead.max-concurrent-calls=4",
				"circuit-breaker.enabled=false");
		service(registry, "healthy", serviceB.url());
		service(registry, "refused", dead, "retry.enabled=false");
		service(registry, "balanced", "lb://balanced",
				"instances=" + serviceA.url() + "," + serviceB.url() + "," + dead, "circuit-breaker.enabled=false");
		route(registry, 0, "users", "${edge.downstream.services.users.base-url}", "CallDownstream=users");
		route(registry, 1, "timeout", "${edge.downstream.services.timeout.base-url}", "CallDownstream=timeout");
		route(registry, 2, "breaker", "${edge.downstream.services.breaker-route.base-url}",
				"CallDownstream=breaker-route");
		route(registry, 3, "budget", "${edge.downstream.services.budget-route.base-url}",
				"CallDownstream=budget-route");
		route(registry, 4, "refused", "${edge.downstream.services.refused.base-url}", "CallDownstream=refused");
		route(registry, 5, "balanced", "${edge.downstream.services.balanced.base-url}", "CallDownstream=balanced");
		// the route filter under its former name
		route(registry, 6, "legacy", "${edge.downstream.services.refused.base-url}", "EdgeDownstream=refused");
		// a route whose own response timeout is tighter than its downstream's (3 s)
		route(registry, 7, "tight", "${edge.downstream.services.users.base-url}", "CallDownstream=users");
		registry.add("spring.cloud.gateway.server.webflux.routes[7].metadata.response-timeout", () -> "300");
		// a downstream that times its calls before the route does; a streamed call it
		// does
		// not time
		service(registry, "quick", serviceA.url(), "response-timeout=200ms", "circuit-breaker.enabled=false",
				"retry.enabled=false");
		route(registry, 8, "streamed", "${edge.downstream.services.quick.base-url}", "CallDownstream=quick");
		registry.add("spring.cloud.gateway.server.webflux.routes[8].metadata.response-timeout", () -> "300");
	}

	/**
	 * Add a named downstream service with settings written {@code name=value}, names
	 * relative to the service.
	 */
	private static void service(DynamicPropertyRegistry registry, String name, String url, String... settings) {
		String prefix = "edge.downstream.services." + name + ".";
		registry.add(prefix + "base-url", () -> url);
		for (String setting : settings) {
			int equals = setting.indexOf('=');
			registry.add(prefix + setting.substring(0, equals), () -> setting.substring(equals + 1));
		}
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String uri, String filter) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", () -> uri);
		registry.add(prefix + "predicates[0]", () -> "Path=/" + id + "/**");
		registry.add(prefix + "filters[0]", () -> "StripPrefix=1");
		registry.add(prefix + "filters[1]", () -> filter);
	}

	@BeforeEach
	void bindClient() {
		this.client = GatewayTestFixture.client(this.port);
	}

	/**
	 * Send a GET with a valid token to the running gateway.
	 * @param path the path
	 * @return the response
	 */
	protected WebTestClient.ResponseSpec authorizedGet(String path) {
		return this.client.get().uri(path).headers((headers) -> headers.setBearerAuth(token())).exchange();
	}

	protected static String token() {
		return keys.token().build();
	}

}
