package io.github.bffsuite.edge.downstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

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
			assertThat(backoff(retry, 1).toMillis()).isBetween(50L, 150L);
			assertThat(backoff(retry, 2).toMillis()).isBetween(100L, 300L);
			assertThat(backoff(retry, 5).toMillis()).isBetween(150L, 450L);
		}
	}

	/**
	 * The delay the downstream's retry spec waits before the given attempt, as scheduled
	 * on a scheduler that only records it.
	 */
	private static Duration backoff(EdgeDownstreamProperties.Retry retry, int attempt) {
		List<Long> delays = new ArrayList<>();
		Scheduler recording = new Scheduler() {

			@Override
			public Disposable schedule(Runnable task) {
				return Disposables.disposed();
			}

			@Override
			public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
				delays.add(unit.toMillis(delay));
				return Disposables.disposed();
			}

			@Override
			public Worker createWorker() {
				return Schedulers.immediate().createWorker();
			}

		};
		Downstream.backoff(retry)
			.maxAttempts(Long.MAX_VALUE)
			.scheduler(recording)
			.generateCompanion(Flux.just(new Failed(attempt - 1)))
			.subscribe();
		assertThat(delays).hasSize(1);
		return Duration.ofMillis(delays.get(0));
	}

	private record Failed(long totalRetries) implements Retry.RetrySignal {

		@Override
		public long totalRetriesInARow() {
			return this.totalRetries;
		}

		@Override
		public Throwable failure() {
			return new IllegalStateException("failed");
		}

		@Override
		public Retry.RetrySignal copy() {
			return this;
		}

	}

}
