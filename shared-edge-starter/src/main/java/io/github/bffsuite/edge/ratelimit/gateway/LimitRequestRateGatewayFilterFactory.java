package io.github.bffsuite.edge.ratelimit.gateway;

import java.util.List;

import io.github.bffsuite.edge.ratelimit.EdgeRateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.GatewayToStringStyler;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * Rate limits a route with an edge policy: {@code LimitRequestRate=<policy>} or
 * {@code LimitRequestRate=plan} for the caller's plan, optionally with a cost
 * ({@code LimitRequestRate=search,5}). Answers like the web filter: {@code RateLimit-*}
 * headers and 429 problem+json with {@code Retry-After}. A policy the web filter already
 * applied to the request is not applied again.
 * <p>
 * Named like Spring Cloud Gateway's own filters (verb and noun, as
 * {@code AddRequestHeader}); {@code RequestRateLimiter} is taken by Spring Cloud
 * Gateway's Redis rate limiter.
 */
public class LimitRequestRateGatewayFilterFactory
		extends AbstractGatewayFilterFactory<LimitRequestRateGatewayFilterFactory.Config> {

	private final EdgeRateLimiter limiter;

	public LimitRequestRateGatewayFilterFactory(EdgeRateLimiter limiter) {
		super(Config.class);
		this.limiter = limiter;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("policy", "cost");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String policy = config.getPolicy();
		if (policy == null || policy.isBlank()) {
			throw new IllegalArgumentException(name() + " needs a policy");
		}
		List<String> references = List.of(policy.trim());
		this.limiter.policies().check(references, "route filter " + name() + "=" + policy);
		Long cost = config.getCost();
		if (cost != null && cost < 1) {
			throw new IllegalArgumentException(name() + " cost must be at least 1");
		}
		return new GatewayFilter() {

			@Override
			public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
				Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
				String routeId = (route != null) ? route.getId() : exchange.getRequest().getPath().value();
				return LimitRequestRateGatewayFilterFactory.this.limiter.limit(exchange, references, cost, routeId,
						() -> chain.filter(exchange));
			}

			@Override
			public String toString() {
				return GatewayToStringStyler.filterToStringCreator(LimitRequestRateGatewayFilterFactory.this)
					.append("policy", policy)
					.append("cost", cost)
					.toString();
			}

		};
	}

	/**
	 * Route settings: the policy and an optional cost.
	 */
	public static class Config {

		private @Nullable String policy;

		private @Nullable Long cost;

		public @Nullable String getPolicy() {
			return this.policy;
		}

		public Config setPolicy(String policy) {
			this.policy = policy;
			return this;
		}

		public @Nullable Long getCost() {
			return this.cost;
		}

		public Config setCost(@Nullable Long cost) {
			this.cost = cost;
			return this;
		}

	}

}
