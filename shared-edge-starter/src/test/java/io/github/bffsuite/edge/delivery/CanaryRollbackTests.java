package io.github.bffsuite.edge.delivery;

import java.util.Map;

import io.github.bffsuite.edge.delivery.CanaryGateways.Gateway;
import io.github.bffsuite.edge.delivery.CanaryGateways.Reply;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A canary that fails a fifth of its requests, rolled back through a real gateway: at
 * once when its window holds the minimum number of answers, after exactly that many
 * canary requests, and for good (every later caller on stable) until reset.
 */
class CanaryRollbackTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final VersionServer stable = new VersionServer("stable");

	static final VersionServer canary = new VersionServer("canary");

	static Gateway gateway;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = CanaryGateways.properties(jwks, stable, canary);
		properties.put("edge.delivery.canaries.products.steps", "50,100");
		properties.put("edge.delivery.canaries.products.step-interval", "1h");
		properties.put("edge.delivery.canaries.products.analysis.window", "60s");
		properties.put("edge.delivery.canaries.products.analysis.min-requests", "20");
		gateway = CanaryGateways.start(properties);
	}

	@AfterAll
	static void stop() throws Exception {
		gateway.close();
		stable.close();
		canary.close();
		jwks.close();
	}

	@Test
	void rollsBackACanaryWithOneFailureInFiveAfterMinRequestsAndKeepsEveryoneOnStable() {
		canary.failEvery(5);
		assertThat(gateway.state().weight()).isEqualTo(50);
		int sent = 0;
		while (gateway.state().status() != CanaryState.Status.ROLLED_BACK && sent < 500) {
			Reply reply = gateway.get("/products/p-" + sent,
					CanaryGateways.user(keys, "user-" + sent, "products:read"));
			assertThat(reply.status()).isIn(200, 500);
			sent++;
		}
		CanaryState state = gateway.state();
		assertThat(state.status()).isEqualTo(CanaryState.Status.ROLLED_BACK);
		assertThat(state.weight()).isZero();
		assertThat(state.reason()).isEqualTo("error_rate");
		// the bound in docs/delivery.md: a canary failing steadily gets min-requests
		// requests (here sequential, so no request in flight at the decision)
		int canaryRequests = canary.requests();
		assertThat(canaryRequests).isEqualTo(20);
		for (int i = 0; i < 50; i++) {
			Reply reply = gateway.get("/products/after-" + i, CanaryGateways.user(keys, "user-" + i, "products:read"));
			assertThat(reply.version()).isEqualTo("stable");
			assertThat(reply.servedBy()).isEqualTo("stable");
		}
		assertThat(canary.requests()).isEqualTo(canaryRequests);
		MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
		assertThat(meters.get("edge.delivery.decisions")
			.tags("route", "products", "decision", "rollback", "reason", "error_rate")
			.counter()
			.count()).isEqualTo(1);
		Timer canaryErrors = meters.get("edge.delivery.requests")
			.tags("route", "products", "version", "canary", "outcome", "server_error")
			.timer();
		assertThat(canaryErrors.count()).isEqualTo(4);
		assertThat(meters.get("edge.delivery.requests")
			.tags("route", "products", "version", "stable", "outcome", "success")
			.timer()
			.count()).isGreaterThanOrEqualTo(50);
		// it stays rolled back, whatever the scheduled evaluations find
		gateway.controller().evaluateAll();
		assertThat(gateway.state().status()).isEqualTo(CanaryState.Status.ROLLED_BACK);
	}

}
