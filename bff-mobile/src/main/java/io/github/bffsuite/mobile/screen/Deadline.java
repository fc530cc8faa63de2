package io.github.bffsuite.mobile.screen;

import java.time.Duration;

/**
 * The time left for a screen response, so calls that depend on an earlier one get what
 * remains of the one budget instead of a budget of their own.
 */
public final class Deadline {

	private static final Duration MINIMUM = Duration.ofMillis(1);

	private static final Duration MINIMUM_RESERVE = Duration.ofMillis(20);

	private final long end;

	private final Duration reserve;

	private Deadline(Duration budget) {
		this.end = System.nanoTime() + budget.toNanos();
		Duration share = budget.dividedBy(20);
		this.reserve = (share.compareTo(MINIMUM_RESERVE) > 0) ? share : MINIMUM_RESERVE;
	}

	/**
	 * Start a deadline now.
	 * @param budget the time the response may take
	 * @return the deadline
	 */
	public static Deadline in(Duration budget) {
		return new Deadline(budget);
	}

	/**
	 * Return the time left for a call nested inside a section, a little less than
	 * {@link #remaining()} so that the nested call gives up before the section is cut off
	 * and the section can still be shown without it.
	 * @return the time left, less a twentieth of the budget (at least 20 ms), at least
	 * one millisecond
	 */
	public Duration remainingForNested() {
		Duration left = remaining().minus(this.reserve);
		return (left.compareTo(MINIMUM) < 0) ? MINIMUM : left;
	}

	/**
	 * Return the time left, at least one millisecond.
	 * @return the time left
	 */
	public Duration remaining() {
		Duration left = Duration.ofNanos(this.end - System.nanoTime());
		return (left.compareTo(MINIMUM) < 0) ? MINIMUM : left;
	}

}
