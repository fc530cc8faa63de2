package io.github.bffsuite.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.RedisTestServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running bff-partner as its application.yml configures it, with a real JWKS endpoint
 * for partner client-credential tokens and a real HTTP stand-in for order-service and
 * product-service.
 */
abstract class PartnerGatewayTestSupport {

	/** Dev-only key of tenant acme (plan pro), declared as a hash in application.yml. */
	static final String ACME_DEV_KEY = "bffk_test_acme_pVHRr3Big2DfVmCjgDbtqC4L7tLwKR2031fuyj";

	static final GatewayTestFixture fixture = new GatewayTestFixture();

	static final TestKeys keys = fixture.keys();

	static final SampleBackend backend = new SampleBackend();

	static final CatalogGrpcBackend grpcBackend = new CatalogGrpcBackend();

	static {
		// shared by every test class (and the contexts Spring caches across them): closed
		// when the test JVM ends, not after one class
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			fixture.close();
			backend.close();
			grpcBackend.close();
		}));
	}

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void gatewayProperties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		for (String service : new String[] { "user-service", "order-service", "product-service" }) {
			registry.add("edge.downstream.services." + service + ".base-url", backend::url);
		}
		registry.add("edge.grpc.services.product-service.address", grpcBackend::address);
	}

	@BeforeEach
	void setUpClient() {
		this.client = GatewayTestFixture.client(this.port);
		backend.clear();
	}

	/**
	 * Point the redis profile's stores at the test Redis, under prefixes of their own.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	static void redisStores(DynamicPropertyRegistry registry) {
		String run = "test-partner-" + java.util.UUID.randomUUID() + ":";
		registry.add("spring.data.redis.url", RedisTestServer::url);
		registry.add("edge.security.api-key.redis-key-prefix", () -> "edge:apikey:" + run);
		registry.add("edge.rate-limit.redis.key-prefix", () -> "edge:rl:" + run);
		registry.add("edge.idempotency.redis.key-prefix", () -> "edge:idempotency:" + run);
	}

	/**
	 * Start one more bff-partner instance with the redis profile, on random ports, its
	 * stores under a run's prefixes in the test Redis, so that instances started with the
	 * same run share them. Closed by Spring Boot's shutdown hook when the test JVM ends,
	 * not by the test: closing a context disposes Reactor Netty's global event loops,
	 * which the JWKS server and stubs shared with the other test classes run on.
	 * @param run the prefix of the run's Redis keys
	 * @param services the stand-in for the sample services
	 * @param arguments more command-line arguments
	 * @return the running instance
	 */
	static ConfigurableApplicationContext startRedisInstance(String run, SampleBackend services, String... arguments) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.data.redis.url=" + RedisTestServer.url(), "--edge.security.jwt.issuer-uri=http://issuer.test",
				"--edge.security.jwt.jwk-set-uri=" + fixture.jwks().uri(),
				"--edge.downstream.services.order-service.base-url=" + services.url(),
				"--edge.downstream.services.product-service.base-url=" + services.url(),
				"--edge.downstream.services.user-service.base-url=" + services.url(),
				"--edge.security.api-key.redis-key-prefix=edge:apikey:" + run,
				"--edge.rate-limit.redis.key-prefix=edge:rl:" + run,
				"--edge.idempotency.redis.key-prefix=edge:idempotency:" + run,
				"--edge.partner.webhooks.redis-key-prefix=edge:partner:webhook:" + run));
		args.addAll(List.of(arguments));
		return new SpringApplicationBuilder(BffPartnerApplication.class).profiles("redis")
			.run(args.toArray(String[]::new));
	}

	/**
	 * A client of an instance started with {@link #startRedisInstance}.
	 * @param instance the instance
	 * @return a client bound to its server
	 */
	static WebTestClient client(ConfigurableApplicationContext instance) {
		return GatewayTestFixture.client(((WebServerApplicationContext) instance).getWebServer().getPort());
	}

	/**
	 * A client-credential token of a partner client of a tenant.
	 * @param tenant the tenant
	 * @param scopes the space-separated scopes
	 * @return the signed token
	 */
	static String partnerToken(String tenant, String scopes) {
		return keys.token()
			.audience("bff-partner")
			.claim("sub", "partner-" + tenant)
			.claim("client_id", "partner-" + tenant)
			.claim("tenant_id", tenant)
			.claim("scope", scopes)
			.build();
	}

	/**
	 * Rotate a key through the admin API.
	 * @param admin a key admin's token
	 * @param created the answer that made the key
	 * @param grace how long the old key stays valid, such as {@code PT1H}
	 * @return the answer with the successor
	 */
	Map<?, ?> rotateKey(String admin, Map<?, ?> created, String grace) {
		return this.client.post()
			.uri("/partner/admin/keys/" + ((Map<?, ?>) created.get("details")).get("id") + "/rotate")
			.headers((h) -> h.setBearerAuth(admin))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"gracePeriod\":\"" + grace + "\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
