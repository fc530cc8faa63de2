package io.github.bffsuite.edge.ratelimit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies rate limit policies to a request: expands plans, has each policy's key resolved
 * ({@link RateLimitKeyResolver}), consumes from the store, sets the {@code RateLimit-*}
 * headers and answers denials. Shared by the web filter and the gateway filter; a policy
 * is applied at most once per request, whichever applies it first.
 * <p>
 * A request that lacks a key part a policy needs (such as a user for an API key caller)
 * is refused with 403 {@code rate-limit-key-missing}, never let through: retrying would
 * not help, so 429 would mislead. Likewise 403 {@code rate-limit-plan-unknown} when
 * {@code plan} is referenced and no plan applies. A policy that fails closed while Redis
 * is down answers 503 {@code rate-limiter-unavailable}.
 */
public class EdgeRateLimiter {

	private static final Log logger = LogFactory.getLog(EdgeRateLimiter.class);

	private static final String APPLIED_ATTRIBUTE = EdgeRateLimiter.class.getName() + ".applied";

	private final RateLimitPolicies policies;

	private final RateLimitStore store;

	private final RateLimitKeyResolver keys;

	private final ProblemResponseWriter problems;

	private final RateLimitMetrics metrics;

	private EdgeRateLimitProperties.HeaderSyntax headerSyntax = EdgeRateLimitProperties.HeaderSyntax.DRAFT_10;

	private List<RateLimitListener> listeners = List.of();

	public EdgeRateLimiter(RateLimitPolicies policies, RateLimitStore store, RateLimitKeyResolver keys,
			ProblemResponseWriter problems, RateLimitMetrics metrics) {
		this.policies = policies;
		this.store = store;
		this.keys = keys;
		this.problems = problems;
		this.metrics = metrics;
	}

	/**
	 * Set the syntax of the rate limit headers and 429 answers.
	 * @param headerSyntax the syntax
	 */
	public void setHeaderSyntax(EdgeRateLimitProperties.HeaderSyntax headerSyntax) {
		this.headerSyntax = headerSyntax;
	}

	/**
	 * Set the listeners told of every decision.
	 * @param listeners the listeners
	 */
	public void setListeners(List<RateLimitListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return the configured policies.
	 * @return the policies
	 */
	public RateLimitPolicies policies() {
		return this.policies;
	}

	/**
	 * Apply policies to a request, then either proceed or answer the denial.
	 * @param exchange the exchange
	 * @param references policy names, {@code plan} for the caller's plan
	 * @param cost the cost of the request, {@code null} for each policy's own
	 * @param route the route id or binding pattern, for {@link RateLimitKey#ROUTE}
	 * @param proceed continues the request when every policy allows it
	 * @return completion
	 */
	public Mono<Void> limit(ServerWebExchange exchange, List<String> references, @Nullable Long cost, String route,
			Supplier<Mono<Void>> proceed) {
		return principal(exchange)
			.flatMap((principal) -> limit(exchange, references, cost, route, principal.orElse(null), proceed));
	}

	/**
	 * Take a cost from one policy's bucket for the caller without answering the request,
	 * for handlers that report a denial in their own format (such as GraphQL errors). The
	 * decision joins the request's {@code RateLimit-*} headers.
	 * @param exchange the exchange
	 * @param policyName the policy name
	 * @param cost the tokens to take
	 * @param route the route id or path pattern, for {@link RateLimitKey#ROUTE}
	 * @return the decision, empty when the caller lacks a key part the policy needs
	 */
	public Mono<RateLimitDecision> consume(ServerWebExchange exchange, String policyName, long cost, String route) {
		RateLimitPolicy policy = this.policies.get(policyName, "request");
		return principal(exchange).flatMap((principal) -> decide(exchange, policy, cost, route, principal.orElse(null)))
			.mapNotNull((outcome) -> {
				RateLimitDecision decision = outcome.decision();
				if (decision != null) {
					State state = state(exchange);
					state.applied.add(new RateLimitHeaders.Applied(policy, decision));
					RateLimitHeaders.write(exchange.getResponse().getHeaders(), state.applied, this.headerSyntax);
				}
				return decision;
			});
	}

	/**
	 * Take tokens for an operation that has no HTTP response of its own, such as one sent
	 * over an open WebSocket: the policies are applied in order until one denies, as for
	 * a request, but no header is written and nothing is remembered on the exchange, so
	 * every operation of a connection is charged.
	 * @param handshake the exchange that opened the connection, for the client address
	 * @param principal the caller authenticated on the connection, if any
	 * @param references policy names, {@code plan} for the caller's plan
	 * @param cost the cost of the operation, {@code null} for each policy's own
	 * @param route the route id or binding pattern, for {@link RateLimitKey#ROUTE}
	 * @return the first denial, else the last decision; empty when the caller lacks a key
	 * part a policy needs or no plan applies
	 */
	public Mono<RateLimitDecision> consume(ServerWebExchange handshake, @Nullable EdgePrincipal principal,
			List<String> references, @Nullable Long cost, String route) {
		List<RateLimitPolicy> resolved = this.policies.resolve(references, principal);
		if (resolved == null) {
			this.metrics.record(RateLimitPolicies.PLAN, "plan-unknown", null);
			return Mono.empty();
		}
		Assert.notEmpty(resolved, "references must name at least one policy");
		return Flux.fromIterable(resolved)
			.concatMap((policy) -> decide(handshake, policy, cost, route, principal))
			.takeUntil((outcome) -> outcome.decision() == null || !outcome.decision().allowed())
			.last()
			.mapNotNull(Outcome::decision);
	}

	/**
	 * Apply policies to a request whose caller is already known, then either proceed or
	 * answer the denial. With a store that decides in this process the decision takes no
	 * publisher at all; with Redis, one call per policy.
	 * @param exchange the exchange
	 * @param references policy names, {@code plan} for the caller's plan
	 * @param cost the cost of the request, {@code null} for each policy's own
	 * @param route the route id or binding pattern, for {@link RateLimitKey#ROUTE}
	 * @param principal the caller, {@code null} when anonymous
	 * @param proceed continues the request when every policy allows it
	 * @return completion
	 */
	public Mono<Void> limit(ServerWebExchange exchange, List<String> references, @Nullable Long cost, String route,
			@Nullable EdgePrincipal principal, Supplier<Mono<Void>> proceed) {
		List<RateLimitPolicy> resolved = this.policies.resolve(references, principal);
		if (resolved == null) {
			this.metrics.record(RateLimitPolicies.PLAN, "plan-unknown", null);
			return this.problems.write(exchange, RateLimitProblems.planUnknown());
		}
		State state = state(exchange);
		List<RateLimitPolicy> pending = resolved.stream().filter((policy) -> state.names.add(policy.name())).toList();
		if (pending.isEmpty()) {
			return proceed.get();
		}
		if (this.store.isSynchronous()) {
			return conclude(exchange, state, decideNow(exchange, pending, cost, route, principal), proceed);
		}
		if (pending.size() == 1) {
			return decide(exchange, pending.get(0), cost, route, principal)
				.flatMap((outcome) -> conclude(exchange, state, List.of(outcome), proceed));
		}
		return Flux.fromIterable(pending)
			.concatMap((policy) -> decide(exchange, policy, cost, route, principal))
			.takeUntil((outcome) -> outcome.decision() == null || !outcome.decision().allowed())
			.collectList()
			.flatMap((outcomes) -> conclude(exchange, state, outcomes, proceed));
	}

	private List<Outcome> decideNow(ServerWebExchange exchange, List<RateLimitPolicy> pending, @Nullable Long cost,
			String route, @Nullable EdgePrincipal principal) {
		List<Outcome> outcomes = new ArrayList<>(pending.size());
		for (RateLimitPolicy policy : pending) {
			String key = this.keys.resolve(policy, exchange, route, principal);
			if (key == null) {
				this.metrics.record(policy.name(), "key-missing", null);
				outcomes.add(new Outcome(policy, null));
				break;
			}
			long tokens = (cost != null) ? cost : policy.cost();
			RateLimitDecision decision = this.store.consumeNow(policy, key, tokens);
			this.metrics.record(policy.name(), decision.allowed() ? "allowed" : "denied", decision.origin());
			notify(exchange, principal, policy, decision, tokens);
			outcomes.add(new Outcome(policy, decision));
			if (!decision.allowed()) {
				break;
			}
		}
		return outcomes;
	}

	private Mono<Outcome> decide(ServerWebExchange exchange, RateLimitPolicy policy, @Nullable Long cost, String route,
			@Nullable EdgePrincipal principal) {
		String key = this.keys.resolve(policy, exchange, route, principal);
		if (key == null) {
			this.metrics.record(policy.name(), "key-missing", null);
			return Mono.just(new Outcome(policy, null));
		}
		long tokens = (cost != null) ? cost : policy.cost();
		return this.store.consume(policy, key, tokens).map((decision) -> {
			this.metrics.record(policy.name(), decision.allowed() ? "allowed" : "denied", decision.origin());
			notify(exchange, principal, policy, decision, tokens);
			return new Outcome(policy, decision);
		});
	}

	private void notify(ServerWebExchange exchange, @Nullable EdgePrincipal principal, RateLimitPolicy policy,
			RateLimitDecision decision, long cost) {
		for (RateLimitListener listener : this.listeners) {
			try {
				listener.onDecision(exchange, principal, policy, decision, cost);
			}
			catch (RuntimeException ex) {
				// a listener never fails the request it is told about
				logger.warn("Rate limit listener " + listener + " failed", ex);
			}
		}
	}

	/**
	 * Read, without charging anything, what the caller has left under policies: each
	 * policy's bucket and quotas are checked at a cost of 0, so refills are applied and
	 * nothing is consumed. The decisions are also written as the response's rate limit
	 * headers, so a usage answer and its headers agree.
	 * @param exchange the exchange
	 * @param references policy names, {@code plan} for the caller's plan
	 * @param route the route id or binding pattern, for {@link RateLimitKey#ROUTE}
	 * @return each policy that applies to the caller with its state, in order
	 */
	public Mono<List<PolicyUsage>> usage(ServerWebExchange exchange, List<String> references, String route) {
		return principal(exchange).flatMap((principal) -> {
			List<RateLimitPolicy> resolved = this.policies.resolve(references, principal.orElse(null));
			if (resolved == null) {
				return Mono.just(List.<PolicyUsage>of());
			}
			return Flux.fromIterable(resolved).concatMap((policy) -> {
				String key = this.keys.resolve(policy, exchange, route, principal.orElse(null));
				return (key != null)
						? this.store.consume(policy, key, 0).map((decision) -> new PolicyUsage(policy, decision))
						: Mono.<PolicyUsage>empty();
			}).collectList();
		}).doOnNext((usages) -> {
			List<RateLimitHeaders.Applied> applied = usages.stream()
				.map((usage) -> new RateLimitHeaders.Applied(usage.policy(), usage.decision()))
				.toList();
			RateLimitHeaders.write(exchange.getResponse().getHeaders(), applied, this.headerSyntax);
		});
	}

	/**
	 * What a caller has left under a policy.
	 *
	 * @param policy the policy
	 * @param decision its state: limit, remaining and reset of its most constraining
	 * limit
	 */
	public record PolicyUsage(RateLimitPolicy policy, RateLimitDecision decision) {

	}

	private Mono<Void> conclude(ServerWebExchange exchange, State state, List<Outcome> outcomes,
			Supplier<Mono<Void>> proceed) {
		Outcome last = outcomes.get(outcomes.size() - 1);
		for (Outcome outcome : outcomes) {
			if (outcome.decision() != null) {
				state.applied.add(new RateLimitHeaders.Applied(outcome.policy(), outcome.decision()));
			}
		}
		HttpHeaders headers = exchange.getResponse().getHeaders();
		RateLimitHeaders.write(headers, state.applied, this.headerSyntax);
		RateLimitDecision decision = last.decision();
		if (decision == null) {
			return this.problems.write(exchange, RateLimitProblems.keyMissing(last.policy()));
		}
		if (decision.allowed()) {
			return proceed.get();
		}
		return deny(exchange, last.policy(), decision);
	}

	private Mono<Void> deny(ServerWebExchange exchange, RateLimitPolicy policy, RateLimitDecision decision) {
		ProblemDetail problem = RateLimitProblems.denied(policy, decision, this.headerSyntax);
		if (decision.retryAfterMillis() >= 0) {
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.RETRY_AFTER, Long.toString(RateLimitProblems.retryAfterSeconds(decision)));
		}
		return this.problems.write(exchange, problem);
	}

	private static Mono<Optional<EdgePrincipal>> principal(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(EdgeAuthentication.class::isInstance)
			.map((authentication) -> Optional.of(((EdgeAuthentication) authentication).getPrincipal()))
			.defaultIfEmpty(Optional.empty());
	}

	private State state(ServerWebExchange exchange) {
		EdgeRateLimitProperties.HeaderSyntax syntax = this.headerSyntax;
		State state = exchange.getAttribute(APPLIED_ATTRIBUTE);
		if (state == null) {
			State created = new State();
			exchange.getAttributes().put(APPLIED_ATTRIBUTE, created);
			// a proxied backend's headers replace the response headers; ours win
			exchange.getResponse().beforeCommit(() -> {
				RateLimitHeaders.write(exchange.getResponse().getHeaders(), created.applied, syntax);
				return Mono.empty();
			});
			return created;
		}
		return state;
	}

	private static final class State {

		final Set<String> names = new HashSet<>();

		final List<RateLimitHeaders.Applied> applied = new ArrayList<>();

	}

	private record Outcome(RateLimitPolicy policy, @Nullable RateLimitDecision decision) {

	}

}
