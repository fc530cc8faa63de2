package io.github.bffsuite.edge.delivery;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.bffsuite.edge.delivery.CanaryAnalysis.Kind;
import io.github.bffsuite.edge.delivery.CanaryAnalysis.Verdict;
import io.github.bffsuite.edge.delivery.CanaryState.Status;
import io.github.bffsuite.edge.delivery.RouteCanary.Outcome;
import io.github.bffsuite.edge.delivery.RouteCanary.Version;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the configured canaries: keeps each one's state in step with the
 * {@link CanaryStateStore} (pushed changes, plus a periodic re-read), judges each canary
 * on its answers and on a schedule, rolls it back at once when it is worse than the
 * stable version and steps it up when it has stayed healthy, and applies operators'
 * changes. Every decision is logged and counted as {@code edge.delivery.decisions}.
 */
public class CanaryController implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(CanaryController.class);

	private static final int MAX_CONFLICTS = 10;

	private final Map<String, RouteCanary> canaries;

	private final CanaryStateStore store;

	private final Clock clock;

	private final EdgeCanaryProperties.CanaryControl control;

	private final @Nullable MeterRegistry meters;

	private final Disposable.Composite running = Disposables.composite();

	private volatile boolean started;

	public CanaryController(EdgeCanaryProperties properties, CanaryStateStore store, Clock clock,
			@Nullable MeterRegistry meters) {
		this.store = store;
		this.clock = clock;
		this.control = properties.getCanaryControl();
		this.meters = meters;
		this.canaries = CanaryValidation.canaries(properties, clock.millis(), meters);
		if (meters != null) {
			for (RouteCanary canary : this.canaries.values()) {
				Gauge.builder("edge.delivery.weight", canary, (c) -> c.state().weight())
					.description("Percentage of a route's callers sent to its canary")
					.tag("route", canary.route())
					.register(meters);
			}
		}
	}

	/**
	 * Return the canary of a route.
	 * @param route the route id
	 * @return the canary, or {@code null} when the route has none
	 */
	@Nullable RouteCanary canary(String route) {
		return this.canaries.get(route);
	}

	Collection<RouteCanary> canaries() {
		return this.canaries.values();
	}

	Clock clock() {
		return this.clock;
	}

	@Override
	public void start() {
		for (RouteCanary canary : this.canaries.values()) {
			this.running.add(this.store.initialise(canary.state())
				.subscribe((stored) -> adopt(canary, stored, "initialise"),
						(ex) -> logger.warn("Canary state of route '" + canary.route() + "' not loaded: " + ex)));
		}
		this.running.add(this.store.changes()
			.retryWhen(reactor.util.retry.Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100))
				.maxBackoff(Duration.ofSeconds(5)))
			.subscribe((state) -> {
				RouteCanary canary = this.canaries.get(state.route());
				if (canary != null) {
					adopt(canary, state, "push");
				}
			}));
		this.running.add(Flux.interval(this.control.getSyncInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap((tick) -> Flux.fromIterable(this.canaries.values())
				.flatMap((canary) -> this.store.get(canary.route())
					.doOnNext((stored) -> adopt(canary, stored, "sync"))
					.onErrorResume((ex) -> Mono.empty())))
			.subscribe());
		this.running.add(Flux.interval(this.control.getEvaluationInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.subscribe((tick) -> evaluateAll()));
		this.started = true;
	}

	@Override
	public void stop() {
		this.running.dispose();
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * Take a stored state when it is newer than the one this instance knows.
	 * @param canary the canary
	 * @param stored the stored state
	 * @param source how it came: {@code initialise}, {@code push} or {@code sync}
	 */
	void adopt(RouteCanary canary, CanaryState stored, String source) {
		CanaryState known = canary.state();
		boolean newer = stored.revision() > known.revision();
		// an own optimistic rollback loses to a stored state of the same revision
		// (unless that rollback is still being stored: it is retried on top of the other)
		boolean pending = canary.rollingBack.get() && known.status() == Status.ROLLED_BACK;
		boolean replaces = stored.revision() == known.revision() && !stored.equals(known) && !pending;
		if (newer || replaces) {
			canary.state(stored);
			if (this.meters != null) {
				this.meters.counter("edge.delivery.state.updates", "route", canary.route(), "source", source)
					.increment();
			}
			if ("reset".equals(stored.decision())) {
				canary.window(Version.CANARY).clear();
				canary.window(Version.STABLE).clear();
			}
			if (logger.isDebugEnabled()) {
				logger.debug("canary state route=" + canary.route() + " source=" + source + " revision="
						+ stored.revision() + " weight=" + stored.weight() + " status=" + stored.status());
			}
		}
	}

	/**
	 * Count a version's answer, and judge the canary at once when the answer was the
	 * canary's.
	 * @param canary the canary
	 * @param version the version that answered
	 * @param outcome how it ended
	 * @param nanos how long it took
	 */
	void record(RouteCanary canary, Version version, Outcome outcome, long nanos) {
		long now = this.clock.millis();
		canary.record(version, outcome, now, nanos);
		if (version == Version.CANARY) {
			judgeForRollback(canary, now);
		}
	}

	/**
	 * Judge every canary now: roll back the worse ones, step up the healthy ones.
	 */
	public void evaluateAll() {
		long now = this.clock.millis();
		for (RouteCanary canary : this.canaries.values()) {
			try {
				evaluate(canary, now);
			}
			catch (RuntimeException ex) {
				logger.warn("Canary of route '" + canary.route() + "' not judged", ex);
			}
		}
	}

	private void evaluate(RouteCanary canary, long now) {
		Verdict verdict = judgeForRollback(canary, now);
		CanaryState state = canary.state();
		if (verdict == null || verdict.kind() != Kind.HEALTHY || state.status() != Status.RUNNING) {
			return;
		}
		int next = canary.nextStep(state.weight());
		if (next < 0 || now - state.changedAt() < canary.settings().getStepInterval().toMillis()) {
			return;
		}
		CanaryState stepped = state.next(next, (next == 100) ? Status.PROMOTED : Status.RUNNING, now, "step_up",
				"healthy", "auto");
		this.store.compareAndSet(stepped).subscribe((stored) -> {
			if (stored) {
				adopt(canary, stepped, "decision");
				decided(canary, state, stepped, verdict);
			}
			else {
				// another instance (or an operator) changed it first: take theirs
				resync(canary);
			}
		}, (ex) -> logger.warn("Canary step-up of route '" + canary.route() + "' not stored: " + ex));
	}

	private @Nullable Verdict judgeForRollback(RouteCanary canary, long now) {
		EdgeCanaryProperties.Analysis analysis = canary.settings().getAnalysis();
		CanaryState state = canary.state();
		if (!analysis.isEnabled() || state.status() == Status.ROLLED_BACK) {
			return null;
		}
		Verdict verdict = CanaryAnalysis.judge(analysis, canary.window(Version.STABLE).snapshot(now),
				canary.window(Version.CANARY).snapshot(now));
		canary.lastVerdict(verdict);
		if (verdict.kind() == Kind.WORSE && canary.rollingBack.compareAndSet(false, true)) {
			rollBack(canary, state, verdict, now, 0);
		}
		return verdict;
	}

	private void rollBack(RouteCanary canary, CanaryState state, Verdict verdict, long now, int conflicts) {
		if (state.status() == Status.ROLLED_BACK) {
			// another instance rolled it back first: take its state
			canary.rollingBack.set(false);
			adopt(canary, state, "sync");
			return;
		}
		CanaryState rolledBack = state.next(0, Status.ROLLED_BACK, now, "rollback", verdict.reason(), "auto");
		// weight 0 here at once; the store tells the other instances
		canary.state(rolledBack);
		this.store.compareAndSet(rolledBack).subscribe((stored) -> {
			if (stored) {
				canary.rollingBack.set(false);
				decided(canary, state, rolledBack, verdict);
			}
			else if (conflicts < MAX_CONFLICTS) {
				// another change won: roll back on top of it (this instance stays at 0)
				this.store.get(canary.route())
					.subscribe((current) -> rollBack(canary, current, verdict, now, conflicts + 1),
							(ex) -> storeFailed(canary, ex));
			}
			else {
				storeFailed(canary, new IllegalStateException("too many concurrent changes"));
			}
		}, (ex) -> storeFailed(canary, ex));
	}

	private void storeFailed(RouteCanary canary, Throwable ex) {
		canary.rollingBack.set(false);
		// the rollback holds on this instance even when the store is out
		logger.warn("Canary rollback of route '" + canary.route() + "' holds here but was not stored: " + ex);
	}

	private void resync(RouteCanary canary) {
		this.store.get(canary.route())
			.subscribe((stored) -> adopt(canary, stored, "sync"),
					(ex) -> logger.warn("Canary state of route '" + canary.route() + "' not read: " + ex));
	}

	private void decided(RouteCanary canary, CanaryState before, CanaryState after, @Nullable Verdict verdict) {
		StringBuilder line = new StringBuilder("canary decision route=").append(canary.route())
			.append(" decision=")
			.append(after.decision())
			.append(" reason=")
			.append(after.reason())
			.append(" by=")
			.append(after.by())
			.append(" weight=")
			.append(before.weight())
			.append("->")
			.append(after.weight())
			.append(" status=")
			.append(before.status())
			.append("->")
			.append(after.status())
			.append(" revision=")
			.append(after.revision());
		if (verdict != null) {
			line.append(" canary.requests=")
				.append(verdict.canary().requests())
				.append(" canary.errors=")
				.append(verdict.canary().errors())
				.append(" canary.p99_ms=")
				.append(verdict.canary().p99Micros() / 1000.0)
				.append(" stable.requests=")
				.append(verdict.stable().requests())
				.append(" stable.errors=")
				.append(verdict.stable().errors())
				.append(" stable.p99_ms=")
				.append(verdict.stable().p99Micros() / 1000.0);
		}
		if ("rollback".equals(after.decision())) {
			logger.warn(line);
		}
		else {
			logger.info(line);
		}
		if (this.meters != null) {
			this.meters
				.counter("edge.delivery.decisions", "route", canary.route(), "decision", after.decision(), "reason",
						after.reason())
				.increment();
		}
	}

	/**
	 * Apply an operator's change to a canary, on top of the stored state.
	 * @param route the route id
	 * @param action what to do
	 * @param weight the weight, for {@link Action#SET_WEIGHT}
	 * @param by who asks
	 * @return the new state
	 */
	public Mono<CanaryState> change(String route, Action action, @Nullable Integer weight, String by) {
		RouteCanary canary = this.canaries.get(route);
		if (canary == null) {
			return Mono.error(new IllegalArgumentException("No canary on route '" + route + "'"));
		}
		if (action == Action.SET_WEIGHT && (weight == null || weight < 0 || weight > 100)) {
			return Mono.error(new IllegalArgumentException("weight must be from 0 to 100"));
		}
		return Mono.defer(() -> this.store.get(route).defaultIfEmpty(canary.state())).flatMap((current) -> {
			CanaryState next = operated(canary, current, action, weight, by);
			return this.store.compareAndSet(next).flatMap((stored) -> {
				if (!stored) {
					return Mono.error(new ConcurrentChange());
				}
				adopt(canary, next, "operator");
				audit(canary, current, next);
				return Mono.just(next);
			});
		}).retryWhen(reactor.util.retry.Retry.max(MAX_CONFLICTS).filter(ConcurrentChange.class::isInstance));
	}

	private CanaryState operated(RouteCanary canary, CanaryState current, Action action, @Nullable Integer weight,
			String by) {
		long now = this.clock.millis();
		return switch (action) {
			case SET_WEIGHT ->
				current.next(Objects.requireNonNull(weight), Status.PAUSED, now, "set_weight", "operator", by);
			case PAUSE -> current.next(current.weight(), Status.PAUSED, now, "pause", "operator", by);
			case RESUME -> current.next(current.weight(), (current.weight() == 100) ? Status.PROMOTED : Status.RUNNING,
					now, "resume", "operator", by);
			case RESET -> current.next(canary.initialWeight(),
					(canary.initialWeight() == 100) ? Status.PROMOTED : Status.RUNNING, now, "reset", "operator", by);
		};
	}

	private void audit(RouteCanary canary, CanaryState before, CanaryState after) {
		logger.warn("canary audit route=" + canary.route() + " action=" + after.decision() + " by=" + after.by()
				+ " weight=" + before.weight() + "->" + after.weight() + " status=" + before.status() + "->"
				+ after.status() + " revision=" + after.revision());
		decided(canary, before, after, null);
	}

	/**
	 * What an operator does to a canary.
	 */
	public enum Action {

		/** Set the weight and hold it there (no step-ups until resumed). */
		SET_WEIGHT,

		/** Hold the weight (still rolled back when worse). */
		PAUSE,

		/** Step up again from the current weight. */
		RESUME,

		/** Back to the configured start weight and running, windows emptied. */
		RESET

	}

	/**
	 * Views of every canary, for the endpoint.
	 * @return the views by route id
	 */
	Map<String, Map<String, Object>> describe() {
		Map<String, Map<String, Object>> views = new LinkedHashMap<>();
		for (RouteCanary canary : this.canaries.values()) {
			views.put(canary.route(), describe(canary));
		}
		return views;
	}

	Map<String, Object> describe(RouteCanary canary) {
		long now = this.clock.millis();
		CanaryState state = canary.state();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("route", canary.route());
		view.put("uri", canary.uri().toString());
		view.put("weight", state.weight());
		view.put("status", state.status().name());
		view.put("revision", state.revision());
		view.put("steps", new ArrayList<>(canary.settings().getSteps()));
		view.put("nextStep", canary.nextStep(state.weight()));
		Map<String, Object> last = new LinkedHashMap<>();
		last.put("decision", state.decision());
		last.put("reason", state.reason());
		last.put("by", state.by());
		last.put("at", java.time.Instant.ofEpochMilli(state.changedAt()).toString());
		view.put("lastDecision", last);
		Map<String, Object> window = new LinkedHashMap<>();
		window.put("length", canary.settings().getAnalysis().getWindow().toString());
		window.put("minRequests", canary.settings().getAnalysis().getMinRequests());
		window.put("stable", stats(canary.window(Version.STABLE).snapshot(now)));
		window.put("canary", stats(canary.window(Version.CANARY).snapshot(now)));
		Verdict verdict = canary.lastVerdict();
		window.put("verdict", (verdict != null) ? verdict.kind().name() : "NONE");
		view.put("window", window);
		return view;
	}

	private static Map<String, Object> stats(SlidingWindow.WindowStats stats) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("requests", stats.requests());
		view.put("errors", stats.errors());
		view.put("errorRate", stats.errorRate());
		view.put("p99Ms", (stats.p99Micros() >= 0) ? stats.p99Micros() / 1000.0 : null);
		return view;
	}

	List<String> routes() {
		return new ArrayList<>(this.canaries.keySet());
	}

	private static final class ConcurrentChange extends RuntimeException {

		ConcurrentChange() {
			super("Concurrent change", null, false, false);
		}

	}

	/**
	 * Return the canary's URI for a route.
	 * @param route the route id
	 * @return the URI, or {@code null}
	 */
	@Nullable URI uri(String route) {
		RouteCanary canary = this.canaries.get(route);
		return (canary != null) ? canary.uri() : null;
	}

}
