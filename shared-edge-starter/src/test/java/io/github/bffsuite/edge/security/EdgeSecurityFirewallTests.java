package io.github.bffsuite.edge.security;

import java.net.URI;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Path confusion against a scope-protected path through a running gateway: every attempt
 * is refused with a problem (Spring Security's firewall answers 400; a case variant meets
 * the scope rule, or finds no route), none reaches the backend, and every answer carries
 * the request id.
 */
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.security.rules[0].pattern=/api/users/**", "edge.security.rules[0].scopes=users:read" })
class EdgeSecurityFirewallTests {

	@RegisterExtension
	static final GatewayTestFixture fixture = new GatewayTestFixture();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		fixture.register(registry);
		// one broad route: the scope rule alone has to stop a case variant of its path
		GatewayTestFixture.route(registry, 0, "api", fixture.backend()::url, "/api/**");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/products/../users/u-001", "/api/products/%2e%2e/users/u-001",
			"/api/products/%2E%2E/users/u-001", "/api/products%2F..%2Fusers/u-001", "/api%2Fusers/u-001",
			"/api/products/..%2Fusers/u-001", "/api/products;x=1/../users/u-001", "/api/users;jsessionid=1/u-001",
			"/api/products/%252e%252e/users/u-001", "/api/products/%5C..%5Cusers/u-001", "/api/users%5Cu-001",
			"//api/users/u-001", "/api//users/u-001", "/api/products//../users/u-001" })
	void refusesPathConfusionWithABadRequestProblem(String path) {
		EntityExchangeResult<byte[]> result = call(path);
		assertThat(result.getStatus().value()).as(path).isEqualTo(400);
		assertProblem(result, path, "https://bff-suite.dev/problems/bad-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/API/users/u-001", "/Api/Users/u-001", "/api/USERS/u-001", "/api/Users/u-001" })
	void aCaseVariantOfAProtectedPathNeverReachesTheBackend(String path) {
		EntityExchangeResult<byte[]> result = call(path);
		assertThat(result.getStatus().value()).as(path).isIn(400, 403, 404);
		assertProblem(result, path, "https://bff-suite.dev/problems/" + switch (result.getStatus().value()) {
			case 400 -> "bad-request";
			case 403 -> "insufficient-scope";
			default -> "not-found";
		});
	}

	@Test
	void theSameTokenReachesWhatItsScopesAllow() {
		// the control: the refusals above are the firewall's and the scope rule's, not a
		// bad token or a missing route
		assertThat(call("/api/products/p-1").getStatus().value()).isEqualTo(200);
		assertThat(call("/api/users/u-001").getStatus().value()).isEqualTo(403);
		assertThat(fixture.backend().received()).hasSize(1);
	}

	private EntityExchangeResult<byte[]> call(String path) {
		// a URI, not a template: WebTestClient must send the path exactly as written
		return fixture.client()
			.get()
			.uri(URI.create("http://127.0.0.1:" + fixture.port() + path))
			.headers((headers) -> headers.setBearerAuth(fixture.keys().token().claim("scope", "products:read").build()))
			.exchange()
			.expectBody()
			.returnResult();
	}

	private static void assertProblem(EntityExchangeResult<byte[]> result, String path, String type) {
		assertThat(result.getResponseHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponseHeaders().getFirst("X-Request-ID")).as(path).isNotBlank();
		assertThat(new String(result.getResponseBodyContent())).as(path)
			.contains("\"type\":\"" + type + "\"")
			.contains("\"requestId\":\"" + result.getResponseHeaders().getFirst("X-Request-ID") + "\"");
		assertThat(fixture.backend().received()).as(path).isEmpty();
	}

}
