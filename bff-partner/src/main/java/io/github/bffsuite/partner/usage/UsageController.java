package io.github.bffsuite.partner.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicies;
import io.github.bffsuite.edge.ratelimit.RateLimitPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's remaining quota per policy of its plan, read without charging it.
 */
@RestController
@Tag(name = "Usage", description = "Your rate limits and what is left of them (any scope)")
public class UsageController {

	private final EdgeRateLimiter limiter;

	private final Clock clock;

	public UsageController(EdgeRateLimiter limiter) {
		this.limiter = limiter;
		this.clock = Clock.systemUTC();
	}

	@GetMapping({ "/partner/v1/usage", "/partner/v2/usage" })
	@Operation(summary = "Read your rate limits",
			description = "Each policy of your plan with its limit, what is left and when it resets: the numbers "
					+ "of the RateLimit header. This call is not charged.")
	public Mono<UsageView> usage(EdgeAuthentication caller, ServerWebExchange exchange) {
		String plan = (caller.getPrincipal().plan() != null) ? caller.getPrincipal().plan()
				: RateLimitPolicies.DEFAULT_PLAN;
		Instant now = this.clock.instant();
		return this.limiter.usage(exchange, List.of(RateLimitPolicies.PLAN), "/**")
			.map((usages) -> new UsageView(plan, usages.stream().map((usage) -> {
				long reset = seconds(usage.decision().resetMillis());
				return new UsageView.Policy(usage.policy().name(), usage.decision().limit(), window(usage.policy()),
						Math.max(0, usage.decision().remaining()), reset, now.plusSeconds(reset));
			}).toList()));
	}

	private static long seconds(long millis) {
		return (Math.max(0, millis) + 999) / 1000;
	}

	private static long window(RateLimitPolicy policy) {
		if (policy.capacity() == 0) {
			return policy.quotas().get(0).window().toSeconds();
		}
		return (long) Math
			.ceil((double) policy.capacity() * policy.refillPeriod().toMillis() / policy.refillTokens() / 1000);
	}

}
