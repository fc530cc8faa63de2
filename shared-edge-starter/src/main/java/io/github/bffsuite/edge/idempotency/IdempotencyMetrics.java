package io.github.bffsuite.edge.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts idempotent requests by outcome in {@code edge.idempotency.requests}: executed,
 * replayed, mismatch, in_flight, missing, unavailable.
 */
public class IdempotencyMetrics {

	private final @Nullable MeterRegistry registry;

	public IdempotencyMetrics(@Nullable MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String outcome) {
		if (this.registry != null) {
			Counter.builder("edge.idempotency.requests")
				.description("Requests with an idempotency key, by outcome")
				.tag("outcome", outcome)
				.register(this.registry)
				.increment();
		}
	}

}
