package io.github.bffsuite.edge.delivery;

import io.github.bffsuite.edge.delivery.SlidingWindow.WindowStats;

/**
 * The verdict on a canary from both versions' answers in the window: too few canary
 * answers, worse than the stable version (by error rate or by 99th percentile latency),
 * or healthy.
 */
final class CanaryAnalysis {

	private CanaryAnalysis() {
	}

	/**
	 * Judge a canary.
	 * @param settings the thresholds
	 * @param stable the stable version's answers
	 * @param canary the canary's answers
	 * @return the verdict
	 */
	static Verdict judge(EdgeCanaryProperties.Analysis settings, WindowStats stable, WindowStats canary) {
		int min = settings.getMinRequests();
		if (canary.requests() < min || canary.requests() == 0) {
			return new Verdict(Kind.INSUFFICIENT, "min_requests", stable, canary);
		}
		// without enough stable answers to compare with (a canary at 100, a quiet
		// route), the canary's errors are judged against none
		boolean comparable = stable.requests() >= Math.max(min, 1);
		double baseline = comparable ? stable.errorRate() : 0;
		if (canary.errorRate() - baseline > settings.getMaxErrorRateIncrease()) {
			return new Verdict(Kind.WORSE, "error_rate", stable, canary);
		}
		if (comparable && stable.p99Micros() >= 0 && canary.p99Micros() >= 0) {
			long tolerance = settings.getLatencyTolerance().toNanos() / 1000;
			boolean slower = canary.p99Micros() > stable.p99Micros() * settings.getMaxLatencyRatio();
			if (slower && canary.p99Micros() - stable.p99Micros() > tolerance) {
				return new Verdict(Kind.WORSE, "latency", stable, canary);
			}
		}
		return new Verdict(Kind.HEALTHY, "healthy", stable, canary);
	}

	/**
	 * What the analysis found.
	 */
	enum Kind {

		/** Too few canary answers in the window. */
		INSUFFICIENT,

		/** Worse than the stable version. */
		WORSE,

		/** Within the thresholds. */
		HEALTHY

	}

	/**
	 * A verdict with the figures it rests on.
	 *
	 * @param kind the verdict
	 * @param reason why: {@code error_rate}, {@code latency}, {@code healthy} or
	 * {@code min_requests}
	 * @param stable the stable version's answers
	 * @param canary the canary's answers
	 */
	record Verdict(Kind kind, String reason, WindowStats stable, WindowStats canary) {

	}

}
