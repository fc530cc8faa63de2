package io.github.bffsuite.identity.verifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the results of identity verification in
 * {@code edge.identity.verification{result}}.
 */
public class IdentityVerificationMetrics implements Consumer<String> {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public IdentityVerificationMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void accept(String result) {
		this.counters
			.computeIfAbsent(result,
					(tag) -> Counter.builder("edge.identity.verification")
						.description("Requests checked for a signed identity, by result")
						.tag("result", tag)
						.register(this.registry))
			.increment();
	}

}
