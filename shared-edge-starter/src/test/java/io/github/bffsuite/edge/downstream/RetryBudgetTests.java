package io.github.bffsuite.edge.downstream;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryBudget} and the backoff of {@link Downstream}.
 */
class RetryBudgetTests {

	@Test
	void allowsAboutRatioRetriesPerCallWhenEveryCallFails() {
		RetryBudget budget = new RetryBudget(0.2, 10);
		int retries = 0;
		for (int call = 0; call < 1000; call++) {
			budget.deposit();
			// every attempt fails: up to two retries per call, as the budget allows
			for (int retry = 0; retry < 2 && budget.tryWithdraw(); retry++) {
				retries++;
			}
		}
		assertThat(retries).isBetween(200, 210);
	}

	@Test
	void startsFullAndCapsAtBurst() {
		RetryBudget budget = new RetryBudget(0.2, 3);
		for (int i = 0; i < 100; i++) {
			budget.deposit();
		}
		assertThat(budget.remaining()).isEqualTo(3);
	}

	@Test
	void backsOffExponentiallyWithJitterUpToTheMaximum() {
		EdgeDownstreamProperties.Retry retry = new EdgeDownstreamProperties.Retry();
		retry.setInitialBackoff(Duration.ofMillis(100));
		retry.setMultiplier(2);
		retry.setMaxBackoff(Duration.ofMillis(300));
		retry.setJitter(0.5);
		for (int i = 0; i < 50; i++) {
			assertThat(Downstream.backoff(retry, 1).toMillis()).isBetween(50L, 150L);
			assertThat(Downstream.backoff(retry, 2).toMillis()).isBetween(100L, 300L);
			assertThat(Downstream.backoff(retry, 5).toMillis()).isBetween(150L, 450L);
		}
	}

}
