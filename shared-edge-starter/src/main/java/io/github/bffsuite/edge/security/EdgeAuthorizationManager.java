package io.github.bffsuite.edge.security;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedReactiveAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The edge's access decision in one synchronous pass, first match wins: CORS preflights
 * and public paths are permitted, then the first scope rule that matches decides, then
 * the default ({@code rules-default}: any authenticated caller, or nobody).
 * <p>
 * It replaces one {@code pathMatchers(...)}/{@code matchers(...)} mapping per rule under
 * Spring Security's {@code DelegatingReactiveAuthorizationManager}, which runs every
 * mapping's reactive matcher through {@code concatMap} until one matches (about five
 * operators per rule tried, on every request); the decisions are the same.
 */
final class EdgeAuthorizationManager implements ReactiveAuthorizationManager<AuthorizationContext> {

	private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));

	private static final Mono<AuthorizationResult> DENIED = Mono.just(new AuthorizationDecision(false));

	private final boolean permitPreflight;

	private final @Nullable PathMatcher permitPaths;

	private final ScopeRules rules;

	private final boolean denyByDefault;

	private final ReactiveAuthorizationManager<ServerWebExchange> authenticated = AuthenticatedReactiveAuthorizationManager
		.authenticated();

	EdgeAuthorizationManager(boolean permitPreflight, List<String> permitPaths, ScopeRules rules,
			EdgeSecurityProperties.RulesDefault rulesDefault) {
		this.permitPreflight = permitPreflight;
		this.permitPaths = permitPaths.isEmpty() ? null : PathMatcher.anyOf(permitPaths);
		this.rules = rules;
		this.denyByDefault = rulesDefault == EdgeSecurityProperties.RulesDefault.DENY;
	}

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		ServerWebExchange exchange = context.getExchange();
		if (this.permitPreflight && HttpMethod.OPTIONS.equals(exchange.getRequest().getMethod())) {
			return GRANTED;
		}
		if (this.permitPaths != null && this.permitPaths.test(exchange)) {
			return GRANTED;
		}
		ScopeRules.Rule rule = this.rules.match(exchange);
		if (rule != null) {
			return rule.check(authentication);
		}
		// a caller without credentials denied here still gets the 401 challenge: the
		// exception translation filter answers a denial without a principal that way
		return this.denyByDefault ? DENIED : this.authenticated.authorize(authentication, exchange);
	}

	/**
	 * The same decision without a publisher, for an authentication already known.
	 * @param exchange the exchange
	 * @param authentication the caller
	 * @return whether access is granted
	 */
	boolean allows(ServerWebExchange exchange, Authentication authentication) {
		if (this.permitPreflight && HttpMethod.OPTIONS.equals(exchange.getRequest().getMethod())) {
			return true;
		}
		if (this.permitPaths != null && this.permitPaths.test(exchange)) {
			return true;
		}
		ScopeRules.Rule rule = this.rules.match(exchange);
		if (rule != null) {
			return rule.allows(authentication);
		}
		return !this.denyByDefault && authentication.isAuthenticated();
	}

	@Override
	public String toString() {
		return "EdgeAuthorizationManager[preflight=" + this.permitPreflight + ", permit=" + this.permitPaths
				+ ", rules=" + this.rules + ", default=" + (this.denyByDefault ? "deny" : "authenticated") + "]";
	}

}
