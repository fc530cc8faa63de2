package io.github.bffsuite.edge.ratelimit;

import java.util.List;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.support.RequestRule;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Applies the policies of the first binding whose path pattern and methods match a
 * request, for every handler (GraphQL, aggregating endpoints, routes alike). Runs after
 * Spring Security's filter chain so the caller is known. CORS preflight requests are not
 * limited: they carry no credentials and never reach a handler. Neither are requests to a
 * separate management server, which picks up this filter from its parent context.
 */
public class EdgeRateLimitWebFilter implements WebFilter, Ordered, ApplicationContextAware {

	/**
	 * Order of this filter: after Spring Security's {@code WebFilterChainProxy} (-100).
	 */
	public static final int ORDER = -50;

	private final EdgeRateLimiter limiter;

	private final List<Binding> bindings;

	private @Nullable ApplicationContext applicationContext;

	public EdgeRateLimitWebFilter(EdgeRateLimiter limiter, List<EdgeRateLimitProperties.Binding> bindings) {
		this.limiter = limiter;
		this.bindings = bindings.stream().map(Binding::new).toList();
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Binding binding = applicable(exchange);
		if (binding == null) {
			return chain.filter(exchange);
		}
		return this.limiter.limit(exchange, binding.policies, binding.cost,
				binding.matcher.pattern().getPatternString(), () -> chain.filter(exchange));
	}

	/**
	 * Apply the bindings for a caller the edge already knows, for the fused fast path
	 * (the caller is not read from the exchange again).
	 * @param exchange the exchange
	 * @param chain the rest of the chain
	 * @param principal the caller
	 * @return completion
	 */
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain, @Nullable EdgePrincipal principal) {
		Binding binding = applicable(exchange);
		if (binding == null) {
			return chain.filter(exchange);
		}
		return this.limiter.limit(exchange, binding.policies, binding.cost,
				binding.matcher.pattern().getPatternString(), principal, () -> chain.filter(exchange));
	}

	/**
	 * The binding whose policies apply to a request, or {@code null} for none.
	 */
	private @Nullable Binding applicable(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		Binding binding = (this.bindings.isEmpty() || CorsUtils.isPreFlightRequest(request)
				|| isOtherContext(exchange.getApplicationContext())) ? null : match(request);
		return (binding == null || binding.policies.isEmpty()) ? null : binding;
	}

	private boolean isOtherContext(@Nullable ApplicationContext context) {
		return context != null && this.applicationContext != null && context != this.applicationContext;
	}

	private @Nullable Binding match(ServerHttpRequest request) {
		for (Binding binding : this.bindings) {
			if (binding.matcher.matches(request.getMethod(), request.getPath().pathWithinApplication())) {
				return binding;
			}
		}
		return null;
	}

	private static final class Binding {

		final RequestRule.Matcher matcher;

		final List<String> policies;

		final @Nullable Long cost;

		Binding(EdgeRateLimitProperties.Binding binding) {
			this.matcher = binding.matcher();
			this.policies = List.copyOf(binding.getPolicies());
			this.cost = binding.getCost();
		}

	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
