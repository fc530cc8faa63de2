package io.github.bffsuite.edge.ratelimit;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts rate limit decisions as {@code edge.ratelimit.decisions}, tagged with the
 * policy, the outcome ({@code allowed}, {@code denied}, {@code key-missing},
 * {@code plan-unknown}) and the origin ({@code memory}, {@code redis},
 * {@code local-fallback}, {@code fail-open}, {@code fail-closed}, {@code none}).
 */
public class RateLimitMetrics {

	/** Name of the decision counter. */
	public static final String DECISIONS = "edge.ratelimit.decisions";

	private final @Nullable MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public RateLimitMetrics(@Nullable MeterRegistry registry) {
		this.registry = registry;
	}

	void record(String policy, String outcome, RateLimitDecision.@Nullable Origin origin) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		String originTag = (origin != null) ? origin.name().toLowerCase(Locale.ROOT).replace('_', '-') : "none";
		this.counters
			.computeIfAbsent(policy + '\u0000' + outcome + '\u0000' + originTag,
					(id) -> Counter.builder(DECISIONS)
						.description("Rate limit decisions")
						.tag("policy", policy)
						.tag("outcome", outcome)
						.tag("origin", originTag)
						.register(registry))
			.increment();
	}

}
