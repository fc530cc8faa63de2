package io.github.bffsuite.edge.delivery;

import java.util.Map;

import io.github.bffsuite.edge.delivery.CanaryGateways.Gateway;
import io.github.bffsuite.edge.delivery.CanaryGateways.Reply;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testers' override header through a real gateway: honoured only for a caller with
 * the override scope, and never sent downstream by anyone.
 */
class CanaryOverrideTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final VersionServer stable = new VersionServer("stable");

	static final VersionServer canary = new VersionServer("canary");

	static Gateway gateway;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = CanaryGateways.properties(jwks, stable, canary);
		// nobody on the canary but testers who ask for it
		properties.put("edge.delivery.canaries.products.weight", "0");
		properties.put("edge.delivery.canaries.products.steps", "");
		// the split alone: no verdict may move the weight under the test
		properties.put("edge.delivery.canaries.products.analysis.enabled", "false");
		properties.put("edge.delivery.canaries.products.override.scope", "canary:test");
		gateway = CanaryGateways.start(properties);
	}

	@AfterAll
	static void stop() throws Exception {
		gateway.close();
		stable.close();
		canary.close();
		jwks.close();
	}

	@BeforeEach
	void clear() {
		stable.clear();
		canary.clear();
	}

	@Test
	void sendsATesterWithTheScopeToTheCanaryWhenAskedAndStripsTheHeader() {
		Reply reply = gateway.get("/products/p-1", CanaryGateways.user(keys, "tester", "products:read canary:test")
			.andThen((headers) -> headers.set("X-Canary", "always")));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.version()).isEqualTo("canary");
		assertThat(reply.servedBy()).isEqualTo("canary");
		assertThat(canary.requests()).isEqualTo(1);
		assertThat(canary.lastHeaders()).doesNotContainKey("x-canary").containsEntry("x-user-id", "tester");
	}

	@Test
	void sendsATesterWithTheScopeToStableWhenAskedNever() {
		Reply reply = gateway.get("/products/p-1", CanaryGateways.user(keys, "tester", "products:read canary:test")
			.andThen((headers) -> headers.set("X-Canary", "never")));
		assertThat(reply.version()).isEqualTo("stable");
		assertThat(reply.servedBy()).isEqualTo("stable");
		assertThat(stable.lastHeaders()).doesNotContainKey("x-canary");
	}

	@Test
	void ignoresAndStripsTheHeaderOfACallerWithoutTheScope() {
		for (int i = 0; i < 20; i++) {
			Reply reply = gateway.get("/products/p-" + i, CanaryGateways.user(keys, "user-" + i, "products:read")
				.andThen((headers) -> headers.set("X-Canary", "always")));
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.version()).isEqualTo("stable");
		}
		assertThat(canary.requests()).isZero();
		assertThat(stable.allHeaders()).hasSize(20)
			.allSatisfy((headers) -> assertThat(headers).doesNotContainKey("x-canary"));
	}

	@Test
	void ignoresAnUnknownOverrideValue() {
		Reply reply = gateway.get("/products/p-1", CanaryGateways.user(keys, "tester", "products:read canary:test")
			.andThen((headers) -> headers.set("X-Canary", "sometimes")));
		assertThat(reply.version()).isEqualTo("stable");
		assertThat(stable.lastHeaders()).doesNotContainKey("x-canary");
	}

}
