package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.List;

import io.github.bffsuite.edge.delivery.RouteCanary.Outcome;
import io.github.bffsuite.edge.delivery.RouteCanary.Version;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions of {@link CanaryController} racing other deciders on one store, as two
 * instances do on Redis.
 */
class CanaryControllerTests {

	final MutableClock clock = new MutableClock();

	final InMemoryCanaryStateStore store = new InMemoryCanaryStateStore();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	CanaryController controller() {
		EdgeCanaryProperties properties = new EdgeCanaryProperties();
		EdgeCanaryProperties.Canary canary = new EdgeCanaryProperties.Canary();
		canary.setUri("http://localhost:9013");
		canary.setSteps(List.of(10, 50, 100));
		properties.getCanaries().put("products", canary);
		CanaryController controller = new CanaryController(properties, this.store, this.clock, this.meters);
		this.store.initialise(controller.canary("products").state()).block(Duration.ofSeconds(5));
		return controller;
	}

	@Test
	void rollsBackOnTopOfAStepUpThatAnotherInstanceStoredFirst() {
		CanaryController controller = controller();
		RouteCanary canary = controller.canary("products");
		CanaryState initial = canary.state();
		// another instance stepped up; this one has not heard of it yet
		CanaryState stepped = initial.next(50, CanaryState.Status.RUNNING, this.clock.millis(), "step_up", "healthy",
				"auto");
		assertThat(this.store.compareAndSet(stepped).block()).isTrue();
		for (int i = 0; i < 20; i++) {
			controller.record(canary, Version.CANARY, Outcome.SERVER_ERROR, 1_000_000);
		}
		CanaryState stored = this.store.get("products").block();
		assertThat(stored.status()).isEqualTo(CanaryState.Status.ROLLED_BACK);
		assertThat(stored.weight()).isZero();
		assertThat(stored.revision()).isEqualTo(3);
		assertThat(canary.state()).isEqualTo(stored);
		assertThat(this.meters.get("edge.delivery.decisions").tag("decision", "rollback").counter().count())
			.isEqualTo(1);
	}

	@Test
	void takesTheRollbackOfAnotherInstanceThatCameFirst() {
		CanaryController controller = controller();
		RouteCanary canary = controller.canary("products");
		CanaryState theirs = canary.state()
			.next(0, CanaryState.Status.ROLLED_BACK, this.clock.millis(), "rollback", "latency", "auto");
		assertThat(this.store.compareAndSet(theirs).block()).isTrue();
		for (int i = 0; i < 20; i++) {
			controller.record(canary, Version.CANARY, Outcome.CONNECT_FAILURE, 1_000_000);
		}
		assertThat(canary.state()).isEqualTo(theirs);
		assertThat(this.meters.find("edge.delivery.decisions").counter()).isNull();
	}

	@Test
	void appliesAnOperatorChangeOnTopOfTheStoredState() {
		CanaryController controller = controller();
		RouteCanary canary = controller.canary("products");
		CanaryState stepped = canary.state()
			.next(50, CanaryState.Status.RUNNING, this.clock.millis(), "step_up", "healthy", "auto");
		this.store.compareAndSet(stepped).block();
		CanaryState paused = controller.change("products", CanaryController.Action.PAUSE, null, "ops")
			.block(Duration.ofSeconds(5));
		assertThat(paused.weight()).isEqualTo(50);
		assertThat(paused.status()).isEqualTo(CanaryState.Status.PAUSED);
		assertThat(paused.revision()).isEqualTo(3);
		assertThat(canary.state()).isEqualTo(paused);
	}

	@Test
	void neverStepsUpAPausedCanary() {
		CanaryController controller = controller();
		RouteCanary canary = controller.canary("products");
		controller.change("products", CanaryController.Action.PAUSE, null, "ops").block(Duration.ofSeconds(5));
		for (int i = 0; i < 30; i++) {
			controller.record(canary, Version.CANARY, Outcome.SUCCESS, 1_000_000);
			controller.record(canary, Version.STABLE, Outcome.SUCCESS, 1_000_000);
		}
		this.clock.advance(Duration.ofHours(1));
		controller.evaluateAll();
		assertThat(canary.state().weight()).isEqualTo(10);
		// yet still rolled back when worse
		for (int i = 0; i < 20; i++) {
			controller.record(canary, Version.CANARY, Outcome.TIMEOUT, 1_000_000);
		}
		assertThat(canary.state().status()).isEqualTo(CanaryState.Status.ROLLED_BACK);
	}

}
