package io.github.bffsuite.edge.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.bffsuite.edge.delivery.CanaryGateways.Gateway;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestGateways;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A healthy canary stepped up 10, 25, 50, 100 by the gateway's own schedule, with the
 * gateway's {@link Clock} moved by the test: never before the step interval, never
 * without enough canary answers in the window.
 */
class CanaryStepUpTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final VersionServer stable = new VersionServer("stable");

	static final VersionServer canary = new VersionServer("canary");

	static final MutableClock clock = new MutableClock();

	static Gateway gateway;

	@BeforeAll
	static void start() {
		Map<String, Object> properties = CanaryGateways.properties(jwks, stable, canary);
		properties.put("edge.delivery.canaries.products.steps", "10,25,50,100");
		properties.put("edge.delivery.canaries.products.step-interval", "5m");
		properties.put("edge.delivery.canaries.products.analysis.window", "1h");
		properties.put("edge.delivery.canaries.products.analysis.min-requests", "5");
		// latency is judged elsewhere (CanaryAnalysisTests): a cold gateway on a busy
		// machine answers its first requests in hundreds of milliseconds either way
		properties.put("edge.delivery.canaries.products.analysis.latency-tolerance", "1m");
		properties.put("server.port", "0");
		properties.put("spring.main.banner-mode", "off");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(
				io.github.bffsuite.edge.EdgeTestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties(properties)
			.initializers(
					(ctx) -> ((GenericApplicationContext) ctx).registerBean("testClock", Clock.class, () -> clock))
			.run();
		gateway = new Gateway(context, TestGateways.url(context));
	}

	@AfterAll
	static void stop() throws Exception {
		gateway.close();
		stable.close();
		canary.close();
		jwks.close();
	}

	private static void traffic(int users) {
		Flux.range(0, users)
			.flatMap((i) -> gateway.getAsync("/products/" + i, CanaryGateways.user(keys, "user-" + i, "products:read")),
					8)
			.blockLast(Duration.ofMinutes(2));
	}

	@Test
	void stepsAHealthyCanaryUpOnScheduleToOneHundred() {
		assertThat(gateway.state().weight()).isEqualTo(10);
		// not yet: no canary answers, and the step interval has not passed
		clock.advance(Duration.ofMinutes(6));
		gateway.controller().evaluateAll();
		assertThat(gateway.state().weight()).isEqualTo(10);
		traffic(200);
		assertThat(canary.requests()).isGreaterThanOrEqualTo(5);
		// enough answers, but the interval restarts with every step: this one started
		// at start-up, long enough ago
		await().atMost(Duration.ofSeconds(20)).until(() -> gateway.state().weight() == 25);
		CanaryState atTwentyFive = gateway.state();
		assertThat(atTwentyFive.decision()).isEqualTo("step_up");
		assertThat(atTwentyFive.status()).isEqualTo(CanaryState.Status.RUNNING);
		// healthy, but the next step waits for its interval on the gateway's clock
		clock.advance(Duration.ofMinutes(4));
		gateway.controller().evaluateAll();
		assertThat(gateway.state().weight()).isEqualTo(25);
		clock.advance(Duration.ofMinutes(2));
		await().atMost(Duration.ofSeconds(20)).until(() -> gateway.state().weight() == 50);
		clock.advance(Duration.ofMinutes(6));
		await().atMost(Duration.ofSeconds(20)).until(() -> gateway.state().weight() == 100);
		assertThat(gateway.state().status()).isEqualTo(CanaryState.Status.PROMOTED);
		MeterRegistry meters = gateway.context().getBean(MeterRegistry.class);
		assertThat(meters.get("edge.delivery.decisions")
			.tags("route", "products", "decision", "step_up", "reason", "healthy")
			.counter()
			.count()).isEqualTo(3);
		// at 100 everyone is on the canary
		canary.clear();
		traffic(50);
		assertThat(canary.requests()).isEqualTo(50);
	}

}
