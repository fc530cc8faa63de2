package io.github.bffsuite.partner;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;
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

	static {
		// shared by every test class (and the contexts Spring caches across them): closed
		// when the test JVM ends, not after one class
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			fixture.close();
			backend.close();
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
		registry.add("spring.data.redis.url", io.github.bffsuite.edge.test.RedisTestServer::url);
		registry.add("edge.security.api-key.redis-key-prefix", () -> "edge:apikey:" + run);
		registry.add("edge.rate-limit.redis.key-prefix", () -> "edge:rl:" + run);
		registry.add("edge.idempotency.redis.key-prefix", () -> "edge:idempotency:" + run);
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

}
