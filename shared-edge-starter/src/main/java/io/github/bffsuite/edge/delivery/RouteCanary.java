package io.github.bffsuite.edge.delivery;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bffsuite.edge.delivery.CanaryAnalysis.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * One route's canary at run time: its settings, its current state (as last stored or
 * decided), and both versions' answers in the window.
 */
final class RouteCanary {

	private final String route;

	private final URI uri;

	private final EdgeCanaryProperties.Canary settings;

	private final int initialWeight;

	private final SlidingWindow stable;

	private final SlidingWindow canary;

	private final @Nullable MeterRegistry meters;

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	final AtomicBoolean rollingBack = new AtomicBoolean();

	private volatile CanaryState state;

	private volatile @Nullable Verdict lastVerdict;

	RouteCanary(String route, URI uri, EdgeCanaryProperties.Canary settings, int initialWeight, long now,
			@Nullable MeterRegistry meters) {
		this.route = route;
		this.uri = uri;
		this.settings = settings;
		this.initialWeight = initialWeight;
		this.stable = new SlidingWindow(settings.getAnalysis().getWindow());
		this.canary = new SlidingWindow(settings.getAnalysis().getWindow());
		this.meters = meters;
		this.state = new CanaryState(route, 1, initialWeight,
				(initialWeight == 100) ? CanaryState.Status.PROMOTED : CanaryState.Status.RUNNING, now, "start",
				"configured", "config");
	}

	String route() {
		return this.route;
	}

	URI uri() {
		return this.uri;
	}

	EdgeCanaryProperties.Canary settings() {
		return this.settings;
	}

	int initialWeight() {
		return this.initialWeight;
	}

	CanaryState state() {
		return this.state;
	}

	void state(CanaryState state) {
		this.state = state;
	}

	@Nullable Verdict lastVerdict() {
		return this.lastVerdict;
	}

	void lastVerdict(Verdict verdict) {
		this.lastVerdict = verdict;
	}

	SlidingWindow window(Version version) {
		return (version == Version.CANARY) ? this.canary : this.stable;
	}

	/**
	 * Whether a caller's key falls on the canary at the current weight.
	 * @param key the caller's key
	 * @return whether it does
	 */
	boolean takes(String key) {
		int weight = this.state.weight();
		return weight > 0 && StickyHash.bucket(this.route, key) < weight * (StickyHash.BUCKETS / 100);
	}

	/**
	 * The next configured weight above the current one.
	 * @param weight the current weight
	 * @return the next step, or -1 when none is left
	 */
	int nextStep(int weight) {
		List<Integer> steps = this.settings.getSteps();
		for (Integer step : steps) {
			if (step > weight) {
				return step;
			}
		}
		return -1;
	}

	/**
	 * Count an answer of one version.
	 * @param version the version
	 * @param outcome how it ended
	 * @param nowMillis when
	 * @param nanos how long it took
	 */
	void record(Version version, Outcome outcome, long nowMillis, long nanos) {
		window(version).record(nowMillis, outcome.error, nanos);
		if (this.meters != null) {
			this.timers
				.computeIfAbsent(version.tag + ":" + outcome.tag, (key) -> Timer.builder("edge.delivery.requests")
					.description("Answers of the stable and canary versions of a route's downstream, per attempt")
					.tag("route", this.route)
					.tag("version", version.tag)
					.tag("outcome", outcome.tag)
					.publishPercentileHistogram()
					.register(this.meters))
				.record(nanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * A version of a route.
	 */
	enum Version {

		/** The route's own URI. */
		STABLE("stable"),

		/** The canary URI. */
		CANARY("canary");

		final String tag;

		Version(String tag) {
			this.tag = tag;
		}

	}

	/**
	 * How an answer ended; all but success and client errors count as errors.
	 */
	enum Outcome {

		SUCCESS("success", false), CLIENT_ERROR("client_error", false), SERVER_ERROR("server_error", true),
		CONNECT_FAILURE("connect_failure", true), TIMEOUT("timeout", true), ERROR("error", true),
		CANCELLED("cancelled", true);

		final String tag;

		final boolean error;

		Outcome(String tag, boolean error) {
			this.tag = tag;
			this.error = error;
		}

	}

}
