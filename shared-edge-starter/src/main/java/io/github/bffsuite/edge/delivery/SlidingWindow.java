package io.github.bffsuite.edge.delivery;

import java.time.Duration;

/**
 * Answers of one version over a sliding window: counts, errors and a latency histogram in
 * slices of a tenth of the window, so that the window slides a slice at a time without
 * keeping each answer.
 */
final class SlidingWindow {

	private static final int SLICES = 10;

	/** Upper bounds of the latency buckets in microseconds: 0.5 ms growing by a fifth. */
	private static final long[] BOUNDS = bounds();

	private final long sliceMillis;

	private final long[] sliceIndex = new long[SLICES];

	private final long[] requests = new long[SLICES];

	private final long[] errors = new long[SLICES];

	private final long[][] latencies = new long[SLICES][BOUNDS.length + 1];

	SlidingWindow(Duration window) {
		this.sliceMillis = Math.max(1, window.toMillis() / SLICES);
		java.util.Arrays.fill(this.sliceIndex, -1);
	}

	private static long[] bounds() {
		long[] bounds = new long[64];
		double bound = 500;
		for (int i = 0; i < bounds.length; i++) {
			bounds[i] = (long) bound;
			bound *= 1.2;
		}
		return bounds;
	}

	/**
	 * Count an answer.
	 * @param nowMillis when it came, in epoch milliseconds
	 * @param error whether it was an error
	 * @param nanos how long it took
	 */
	synchronized void record(long nowMillis, boolean error, long nanos) {
		int slot = slot(nowMillis);
		this.requests[slot]++;
		if (error) {
			this.errors[slot]++;
		}
		this.latencies[slot][bucket(nanos / 1000)]++;
	}

	private int slot(long nowMillis) {
		long index = nowMillis / this.sliceMillis;
		int slot = (int) Math.floorMod(index, (long) SLICES);
		if (this.sliceIndex[slot] != index) {
			this.sliceIndex[slot] = index;
			this.requests[slot] = 0;
			this.errors[slot] = 0;
			java.util.Arrays.fill(this.latencies[slot], 0);
		}
		return slot;
	}

	private static int bucket(long micros) {
		for (int i = 0; i < BOUNDS.length; i++) {
			if (micros <= BOUNDS[i]) {
				return i;
			}
		}
		return BOUNDS.length;
	}

	/**
	 * Sum the slices still in the window.
	 * @param nowMillis now, in epoch milliseconds
	 * @return the statistics
	 */
	synchronized WindowStats snapshot(long nowMillis) {
		long current = nowMillis / this.sliceMillis;
		long total = 0;
		long failed = 0;
		long[] histogram = new long[BOUNDS.length + 1];
		for (int slot = 0; slot < SLICES; slot++) {
			long index = this.sliceIndex[slot];
			if (index < 0 || index > current || index <= current - SLICES) {
				continue;
			}
			total += this.requests[slot];
			failed += this.errors[slot];
			for (int i = 0; i < histogram.length; i++) {
				histogram[i] += this.latencies[slot][i];
			}
		}
		return new WindowStats(total, failed, percentile(histogram, total, 0.99));
	}

	private static long percentile(long[] histogram, long total, double quantile) {
		if (total == 0) {
			return -1;
		}
		long rank = (long) Math.ceil(total * quantile);
		long seen = 0;
		for (int i = 0; i < histogram.length; i++) {
			seen += histogram[i];
			if (seen >= rank) {
				// past the last bound: twice it, so that a hung version still compares
				return (i < BOUNDS.length) ? BOUNDS[i] : BOUNDS[BOUNDS.length - 1] * 2;
			}
		}
		return BOUNDS[BOUNDS.length - 1] * 2;
	}

	/**
	 * Forget every answer.
	 */
	synchronized void clear() {
		java.util.Arrays.fill(this.sliceIndex, -1);
	}

	/**
	 * One version's answers in a window.
	 *
	 * @param requests how many answers
	 * @param errors how many of them were errors
	 * @param p99Micros the 99th percentile latency in microseconds (the upper bound of
	 * its histogram bucket, within a fifth), or -1 without answers
	 */
	record WindowStats(long requests, long errors, long p99Micros) {

		double errorRate() {
			return (this.requests > 0) ? (double) this.errors / this.requests : 0;
		}

	}

}
