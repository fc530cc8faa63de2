package io.github.bffsuite.edge.ratelimit.gateway;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LimitRequestRateGatewayFilterFactory} on routes of a running gateway,
 * under its name and under its former name, {@code EdgeRateLimit}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = EdgeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.security.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
				"edge.security.permit-paths=/limited/**,/legacy/**,/legacy-costly/**",
				"edge.rate-limit.policies.single.capacity=2", "edge.rate-limit.policies.single.refill-tokens=1",
				"edge.rate-limit.policies.single.refill-period=1h", "edge.rate-limit.policies.single.key=ip,route" })
class LimitRequestRateGatewayFilterFactoryTests {

	static final EchoServer backend = new EchoServer();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void routes(DynamicPropertyRegistry registry) {
		route(registry, 0, "limited", "LimitRequestRate=single");
		route(registry, 1, "legacy", "EdgeRateLimit=single");
		route(registry, 2, "legacy-costly", "EdgeRateLimit=single,2");
	}

	private static void route(DynamicPropertyRegistry registry, int index, String id, String filter) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		registry.add(prefix + "id", () -> id);
		registry.add(prefix + "uri", backend::url);
		registry.add(prefix + "predicates[0]", () -> "Path=/" + id + "/**");
		registry.add(prefix + "filters[0]", () -> filter);
	}

	@AfterAll
	static void stopBackend() {
		backend.close();
	}

	@Test
	void limitsARoute() {
		assertThat(statuses("/limited/x")).containsExactly(200, 200, 429);
	}

	@Test
	void limitsARouteUnderTheFormerNameEdgeRateLimit() {
		assertThat(statuses("/legacy/x")).containsExactly(200, 200, 429);
		assertThat(statuses("/legacy-costly/x")).containsExactly(200, 429, 429);
	}

	@Test
	void warnsOnceThatTheFormerNameIsDeprecated(CapturedOutput output) {
		assertThat(StringUtils.countOccurrencesOf(output.toString(), "Route filter 'EdgeRateLimit' is deprecated"))
			.isOne();
	}

	private int[] statuses(String path) {
		WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		int[] statuses = new int[3];
		for (int i = 0; i < statuses.length; i++) {
			statuses[i] = client.get().uri(path).exchange().returnResult(String.class).getStatus().value();
		}
		return statuses;
	}

}
