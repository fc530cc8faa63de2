package io.github.bffsuite.edge.ratelimit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link RateLimitStore} tells of its health: whether it is degraded (deciding
 * without its backing service, by each policy's Redis failure mode) and details to show.
 *
 * @param degraded whether the store is degraded
 * @param details details, such as the state of a circuit breaker
 */
public record RateLimitStoreHealth(boolean degraded, Map<String, Object> details) {

	/**
	 * A store that works as it should and has nothing to add.
	 */
	public static final RateLimitStoreHealth UP = new RateLimitStoreHealth(false, Map.of());

	public RateLimitStoreHealth {
		details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

}
