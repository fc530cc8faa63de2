package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code edge.security.rules-default=deny} through a running gateway: only paths a rule
 * names are reachable, whatever routes exist.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.security.rules-default=deny", "edge.security.rules[0].pattern=/echo/orders/**",
				"edge.security.rules[0].scopes=orders:read", "edge.security.rules[1].pattern=/echo/open/**" })
class EdgeSecurityDenyByDefaultTests {

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		GatewayTestFixture.route(registry, 0, "echo", fixture.backend()::url, "/echo/**");
	}

	@Test
	void refusesAPathNoRuleNamesWith403Problem() {
		fixture.get("/echo/users/u-001", fixture.keys().token().claim("scope", "orders:read").build())
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("WWW-Authenticate")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/access-denied")
			.jsonPath("$.detail")
			.isEqualTo("No access rule grants GET /echo/users/u-001");
		assertThat(fixture.backend().received()).isEmpty();
	}

	@Test
	void stillChallengesACallerWithoutCredentials() {
		fixture.client().get().uri("/echo/users/u-001").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void letsThroughWhatARuleGrants() {
		String token = fixture.keys().token().claim("scope", "orders:read").build();
		fixture.get("/echo/orders/o-1", token).expectStatus().isOk();
		fixture.get("/echo/open/anything", token).expectStatus().isOk();
		fixture.get("/echo/orders/o-1", fixture.keys().token().claim("scope", "products:read").build())
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/insufficient-scope");
	}

}
