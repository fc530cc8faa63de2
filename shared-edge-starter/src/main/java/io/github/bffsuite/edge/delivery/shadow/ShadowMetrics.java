package io.github.bffsuite.edge.delivery.shadow;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts shadow copies in {@code edge.delivery.shadow.requests} by route and outcome
 * ({@value #SENT}, {@value #DROPPED}, {@value #FAILED}, {@value #TOO_LARGE},
 * {@value #SKIPPED_METHOD}), and the shadow's answers in
 * {@code edge.delivery.shadow.responses} by route and status class ({@code 2xx} …
 * {@code 5xx}), so that the shadow's error rate can be read beside the route's.
 */
public class ShadowMetrics {

	/** Outcome of a copy the shadow answered, whatever its status. */
	public static final String SENT = "sent";

	/**
	 * Outcome of a copy not sent because the route's copies in flight were at the limit.
	 */
	public static final String DROPPED = "dropped";

	/** Outcome of a copy that failed: refused, reset, or timed out. */
	public static final String FAILED = "failed";

	/** Outcome of a request not copied because its body was too large or chunked. */
	public static final String TOO_LARGE = "too-large";

	/** Outcome of a request not copied because its method is not enabled. */
	public static final String SKIPPED_METHOD = "skipped-method";

	private final @Nullable MeterRegistry registry;

	public ShadowMetrics(@Nullable MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String route, String outcome) {
		if (this.registry != null) {
			Counter.builder("edge.delivery.shadow.requests")
				.description("Requests of a mirrored route, by what became of their shadow copy")
				.tag("route", route)
				.tag("outcome", outcome)
				.register(this.registry)
				.increment();
		}
	}

	void answered(String route, int status) {
		record(route, SENT);
		if (this.registry != null) {
			Counter.builder("edge.delivery.shadow.responses")
				.description("Answers of a route's shadow target, by status class")
				.tag("route", route)
				.tag("status", (status / 100) + "xx")
				.register(this.registry)
				.increment();
		}
	}

}
