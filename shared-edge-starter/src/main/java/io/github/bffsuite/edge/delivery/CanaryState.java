package io.github.bffsuite.edge.delivery;

/**
 * The shared state of one canary: its weight and where it is in its rollout. Every change
 * takes the next revision, so that concurrent deciders (instances, operators) never
 * overwrite each other's change unseen.
 *
 * @param route the gateway route id
 * @param revision the revision, one more on every change
 * @param weight percentage of callers sent to the canary
 * @param status where the rollout stands
 * @param changedAt when the state last changed, in epoch milliseconds
 * @param decision what last changed it, such as {@code rollback} or {@code set-weight}
 * @param reason why, such as {@code error_rate} or {@code operator}
 * @param by who changed it: {@code auto} or the operator's name
 */
public record CanaryState(String route, long revision, int weight, Status status, long changedAt, String decision,
		String reason, String by) {

	/**
	 * Return the next revision of this state.
	 * @param weight the new weight
	 * @param status the new status
	 * @param changedAt when
	 * @param decision what changed it
	 * @param reason why
	 * @param by who
	 * @return the state
	 */
	CanaryState next(int weight, Status status, long changedAt, String decision, String reason, String by) {
		return new CanaryState(this.route, this.revision + 1, weight, status, changedAt, decision, reason, by);
	}

	/**
	 * Where a canary's rollout stands.
	 */
	public enum Status {

		/** Judged and stepped up while healthy. */
		RUNNING,

		/** Judged, never stepped up (an operator holds it). */
		PAUSED,

		/** Worse than the stable version: weight 0 until an operator resets it. */
		ROLLED_BACK,

		/** At weight 100, still judged against the thresholds. */
		PROMOTED

	}

}
