package io.github.bffsuite.edge.ratelimit;

import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of rate limiting, as {@code edgeRateLimit}: {@code UP}, or {@code DEGRADED}
 * while the store says it is degraded (the Redis circuit is not closed) and policies
 * apply their Redis failure mode. DEGRADED does not take the gateway's overall health
 * down: it still answers.
 */
public class RateLimitHealthIndicator implements ReactiveHealthIndicator {

	/** Rate limiting works without Redis, by each policy's Redis failure mode. */
	public static final Status DEGRADED = new Status("DEGRADED", "Redis is unavailable to rate limiting");

	private final EdgeRateLimitProperties.Store storeType;

	private final RateLimitStore store;

	public RateLimitHealthIndicator(EdgeRateLimitProperties.Store storeType, RateLimitStore store) {
		this.storeType = storeType;
		this.store = store;
	}

	@Override
	public Mono<Health> health() {
		RateLimitStoreHealth health = this.store.health();
		Health.Builder builder = Health.up()
			.withDetail("store", this.storeType.name().toLowerCase(Locale.ROOT))
			.withDetails(health.details());
		if (health.degraded()) {
			builder.status(DEGRADED);
		}
		return Mono.just(builder.build());
	}

}
