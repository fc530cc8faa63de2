package io.github.bffsuite.web.graphql;

import java.util.List;

import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.TestKeys;

import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the GraphQL tests share: test keys behind a real JWKS endpoint, the stubbed
 * services, tokens for the demo users and a tester bound to the running gateway.
 */
final class GraphQlTestSupport {

	static final String ALL_SCOPES = "openid profile users:read orders:read orders:write products:read";

	private GraphQlTestSupport() {
	}

	static void register(DynamicPropertyRegistry registry, GatewayTestFixture fixture, SampleServiceStubs stubs) {
		fixture.register(registry);
		registry.add("edge.downstream.services.user-service.base-url", stubs.users::url);
		registry.add("edge.downstream.services.order-service.base-url", stubs.orders::url);
		registry.add("edge.downstream.services.product-service.base-url", stubs.products::url);
	}

	/** alice: u-001, admin of acme. */
	static String alice(TestKeys keys) {
		return token(keys, "u-001", "acme", List.of("admin", "user"), ALL_SCOPES);
	}

	/** bob: u-004, user of acme. */
	static String bob(TestKeys keys) {
		return token(keys, "u-004", "acme", List.of("user"), ALL_SCOPES);
	}

	/** carol: u-002, admin of globex. */
	static String carol(TestKeys keys) {
		return token(keys, "u-002", "globex", List.of("admin", "user"), ALL_SCOPES);
	}

	static String token(TestKeys keys, String userId, String tenant, List<String> roles, String scopes) {
		return keys.token()
			.audience("bff-web")
			.claim("sub", userId)
			.claim("tenant_id", tenant)
			.claim("roles", roles)
			.claim("scope", scopes)
			.claim("client_id", "web-app")
			.build();
	}

	static HttpGraphQlTester tester(int port, String token) {
		return HttpGraphQlTester.create(GatewayTestFixture.client(port))
			.mutate()
			.url("http://127.0.0.1:" + port + "/graphql")
			.headers((headers) -> headers.setBearerAuth(token))
			.build();
	}

}
