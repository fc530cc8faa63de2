package io.github.bffsuite.edge.graphql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts the guardrails' work: {@code edge.graphql.rejections} by {@code reason} for
 * refused operations, {@code edge.graphql.limits.measured} by {@code reason} for limits
 * exceeded in {@code measure} mode, and the {@code edge.graphql.cost} of operations.
 */
public class GraphQlGuardrailMetrics {

	/** Name of the rejection counter. */
	public static final String REJECTIONS = "edge.graphql.rejections";

	/** Name of the counter of limits exceeded in measure mode. */
	public static final String MEASURED = "edge.graphql.limits.measured";

	/** Name of the cost distribution. */
	public static final String COST = "edge.graphql.cost";

	private final @Nullable MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final @Nullable DistributionSummary cost;

	public GraphQlGuardrailMetrics(@Nullable MeterRegistry registry) {
		this.registry = registry;
		this.cost = (registry != null) ? DistributionSummary.builder(COST)
			.description("Estimated static cost of GraphQL operations")
			.baseUnit("units")
			.register(registry) : null;
	}

	/**
	 * Count a rejection.
	 * @param rejection the rejection
	 */
	public void rejected(GraphQlRejection rejection) {
		count(REJECTIONS, "GraphQL operations refused by the guardrails", rejection);
	}

	/**
	 * Count a limit exceeded in measure mode.
	 * @param rejection the rejection it would have been
	 */
	public void measured(GraphQlRejection rejection) {
		count(MEASURED, "GraphQL limits exceeded in measure mode", rejection);
	}

	/**
	 * Record the cost of an operation.
	 * @param cost the cost
	 */
	public void cost(long cost) {
		if (this.cost != null) {
			this.cost.record(cost);
		}
	}

	private void count(String name, String description, GraphQlRejection rejection) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		this.counters
			.computeIfAbsent(name + '\u0000' + rejection.name(),
					(id) -> Counter.builder(name)
						.description(description)
						.tag("reason", rejection.reason())
						.register(registry))
			.increment();
	}

}
