package io.github.bffsuite.edge.ratelimit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of rate limiting, as {@code edgeRateLimit}: {@code UP}, or {@code DEGRADED}
 * while the Redis circuit is not closed and policies apply their Redis failure mode.
 * DEGRADED does not take the gateway's overall health down: it still answers.
 */
public class RateLimitHealthIndicator implements ReactiveHealthIndicator {

	/** Rate limiting works without Redis, by each policy's Redis failure mode. */
	public static final Status DEGRADED = new Status("DEGRADED", "Redis is unavailable to rate limiting");

	private final EdgeRateLimitProperties.Store store;

	private final @Nullable CircuitBreaker circuitBreaker;

	public RateLimitHealthIndicator(EdgeRateLimitProperties.Store store, @Nullable CircuitBreaker circuitBreaker) {
		this.store = store;
		this.circuitBreaker = circuitBreaker;
	}

	@Override
	public Mono<Health> health() {
		CircuitBreaker circuitBreaker = this.circuitBreaker;
		Health.Builder builder = Health.up().withDetail("store", this.store.name().toLowerCase(java.util.Locale.ROOT));
		if (circuitBreaker == null) {
			return Mono.just(builder.build());
		}
		CircuitBreaker.State state = circuitBreaker.getState();
		CircuitBreaker.Metrics metrics = circuitBreaker.getMetrics();
		builder.withDetail("circuit", state.name())
			.withDetail("failureRate", metrics.getFailureRate())
			.withDetail("notPermittedCalls", metrics.getNumberOfNotPermittedCalls());
		if (state != CircuitBreaker.State.CLOSED) {
			builder.status(DEGRADED);
		}
		return Mono.just(builder.build());
	}

}
