package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import io.github.bffsuite.edge.delivery.CanaryAnalysis.Kind;
import io.github.bffsuite.edge.delivery.CanaryAnalysis.Verdict;
import io.github.bffsuite.edge.delivery.SlidingWindow.WindowStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdicts of {@link CanaryAnalysis} over {@link SlidingWindow}s, and how many
 * requests a canary failing at random gets before its rollback.
 */
class CanaryAnalysisTests {

	static final long MS = 1_000_000;

	final EdgeCanaryProperties.Analysis settings = new EdgeCanaryProperties.Analysis();

	@Test
	void waitsForTheMinimumNumberOfCanaryAnswers() {
		WindowStats canary = new WindowStats(19, 19, 1000);
		assertThat(CanaryAnalysis.judge(this.settings, new WindowStats(100, 0, 1000), canary).kind())
			.isEqualTo(Kind.INSUFFICIENT);
	}

	@Test
	void judgesAnErrorRateAboveTheStableOnePlusTheAllowedIncreaseWorse() {
		WindowStats stable = new WindowStats(100, 10, 1000);
		assertThat(CanaryAnalysis.judge(this.settings, stable, new WindowStats(20, 3, 1000)).kind())
			.isEqualTo(Kind.HEALTHY);
		Verdict worse = CanaryAnalysis.judge(this.settings, stable, new WindowStats(20, 4, 1000));
		assertThat(worse.kind()).isEqualTo(Kind.WORSE);
		assertThat(worse.reason()).isEqualTo("error_rate");
	}

	@Test
	void judgesErrorsAgainstNoneWithoutEnoughStableAnswers() {
		assertThat(
				CanaryAnalysis.judge(this.settings, new WindowStats(3, 3, 1000), new WindowStats(20, 2, 1000)).kind())
			.isEqualTo(Kind.WORSE);
	}

	@Test
	void judgesASlowerNinetyNinthPercentileWorseBeyondRatioAndTolerance() {
		WindowStats stable = new WindowStats(100, 0, 200_000);
		// twice as slow and 200 ms slower: within the ratio
		assertThat(CanaryAnalysis.judge(this.settings, stable, new WindowStats(20, 0, 400_000)).kind())
			.isEqualTo(Kind.HEALTHY);
		Verdict worse = CanaryAnalysis.judge(this.settings, stable, new WindowStats(20, 0, 450_000));
		assertThat(worse.kind()).isEqualTo(Kind.WORSE);
		assertThat(worse.reason()).isEqualTo("latency");
		// ten times slower but only 9 ms: within the tolerance
		assertThat(CanaryAnalysis.judge(this.settings, new WindowStats(100, 0, 1000), new WindowStats(20, 0, 10_000))
			.kind()).isEqualTo(Kind.HEALTHY);
	}

	@Test
	void slidesTheWindowOnTheClock() {
		SlidingWindow window = new SlidingWindow(Duration.ofSeconds(60));
		for (int i = 0; i < 10; i++) {
			window.record(0, i % 2 == 0, 5 * MS);
		}
		window.record(30_000, true, 5 * MS);
		assertThat(window.snapshot(30_000)).satisfies((stats) -> {
			assertThat(stats.requests()).isEqualTo(11);
			assertThat(stats.errors()).isEqualTo(6);
			assertThat(stats.p99Micros()).isBetween(5_000L, 6_000L);
		});
		// the first slice has left the window, the later one not yet
		assertThat(window.snapshot(61_000).requests()).isEqualTo(1);
		assertThat(window.snapshot(91_000).requests()).isZero();
	}

	@Test
	void rollsBackACanaryFailingOneRequestInFiveAtRandomWithinFortyRequests() {
		// the figure in docs/delivery.md: the defaults (min-requests 20, increase 0.05),
		// a stable version without errors, the canary failing each request with
		// probability 0.2, judged after each canary answer as the gateway does
		Random random = new Random(24);
		int trials = 10_000;
		int[] requestsBeforeRollback = new int[trials];
		for (int trial = 0; trial < trials; trial++) {
			SlidingWindow stable = new SlidingWindow(Duration.ofSeconds(60));
			SlidingWindow canary = new SlidingWindow(Duration.ofSeconds(60));
			for (int i = 0; i < 100; i++) {
				stable.record(0, false, 5 * MS);
			}
			int sent = 0;
			Kind kind = Kind.INSUFFICIENT;
			while (kind != Kind.WORSE && sent < 1000) {
				canary.record(0, random.nextDouble() < 0.2, 5 * MS);
				sent++;
				kind = CanaryAnalysis.judge(this.settings, stable.snapshot(0), canary.snapshot(0)).kind();
			}
			requestsBeforeRollback[trial] = sent;
		}
		Arrays.sort(requestsBeforeRollback);
		int median = requestsBeforeRollback[trials / 2];
		int p99 = requestsBeforeRollback[trials * 99 / 100];
		int max = requestsBeforeRollback[trials - 1];
		assertThat(requestsBeforeRollback[0]).isEqualTo(20);
		assertThat(median).isEqualTo(20);
		assertThat(p99).as("p99 %d, max %d", p99, max).isLessThanOrEqualTo(40);
	}

}
