package io.github.bffsuite.edge.delivery;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks the canary settings at start-up; each mistake fails start-up with the property
 * it is in.
 */
final class CanaryValidation {

	private static final String PREFIX = "edge.delivery.canaries.";

	private CanaryValidation() {
	}

	/**
	 * Build the canaries from their settings.
	 * @param properties the settings
	 * @param now the time, in epoch milliseconds
	 * @param meters the registry, if any
	 * @return the canaries by route id
	 */
	static Map<String, RouteCanary> canaries(EdgeCanaryProperties properties, long now,
			@Nullable MeterRegistry meters) {
		Map<String, RouteCanary> canaries = new LinkedHashMap<>();
		properties.getCanaries().forEach((route, canary) -> {
			String prefix = PREFIX + route + ".";
			URI uri = uri(prefix + "uri", canary.getUri());
			List<Integer> steps = canary.getSteps();
			for (int i = 0; i < steps.size(); i++) {
				Integer step = steps.get(i);
				if (step == null || step <= 0 || step > 100 || (i > 0 && step <= steps.get(i - 1))) {
					throw new InvalidConfigurationPropertyValueException(prefix + "steps", steps,
							"Steps must be weights from 1 to 100 in ascending order.");
				}
			}
			if (!steps.isEmpty() && steps.get(steps.size() - 1) != 100) {
				throw new InvalidConfigurationPropertyValueException(prefix + "steps", steps,
						"The last step must be 100.");
			}
			Integer weight = canary.getWeight();
			if (weight != null && (weight < 0 || weight > 100)) {
				throw new InvalidConfigurationPropertyValueException(prefix + "weight", weight,
						"A weight is a percentage from 0 to 100.");
			}
			int initial = (weight != null) ? weight : (steps.isEmpty() ? 0 : steps.get(0));
			EdgeCanaryProperties.Analysis analysis = canary.getAnalysis();
			if (analysis.getWindow().isNegative() || analysis.getWindow().isZero()) {
				throw new InvalidConfigurationPropertyValueException(prefix + "analysis.window", analysis.getWindow(),
						"The window must be longer than zero.");
			}
			if (analysis.getMinRequests() < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + "analysis.min-requests",
						analysis.getMinRequests(), "The minimum number of requests cannot be negative.");
			}
			if (analysis.getMaxErrorRateIncrease() < 0 || analysis.getMaxErrorRateIncrease() > 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + "analysis.max-error-rate-increase",
						analysis.getMaxErrorRateIncrease(), "An error rate increase is a fraction from 0 to 1.");
			}
			if (analysis.getMaxLatencyRatio() < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + "analysis.max-latency-ratio",
						analysis.getMaxLatencyRatio(), "The latency ratio must be at least 1.");
			}
			if (analysis.getLatencyTolerance().isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + "analysis.latency-tolerance",
						analysis.getLatencyTolerance(), "The latency tolerance cannot be negative.");
			}
			if (canary.getStepInterval().isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + "step-interval", canary.getStepInterval(),
						"The step interval cannot be negative.");
			}
			canaries.put(route, new RouteCanary(route, uri, canary, initial, now, meters));
		});
		return canaries;
	}

	private static URI uri(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"A canary needs the base URI of its version.");
		}
		try {
			URI uri = URI.create(value);
			if (uri.getScheme() == null || uri.getHost() == null
					|| !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
				throw new IllegalArgumentException("not an absolute http(s) URI");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"The canary URI must be an absolute http or https URI.");
		}
	}

	/**
	 * Check that every canary names a gateway route.
	 * @param canaries the canaries' route ids
	 * @param routes the gateway's route ids
	 */
	static void routesExist(Collection<String> canaries, Collection<String> routes) {
		for (String route : canaries) {
			if (!routes.contains(route)) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + route, route,
						"No gateway route has the id '" + route + "'; the gateway's routes are " + routes + ".");
			}
		}
	}

}
