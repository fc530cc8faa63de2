package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.server.ServerWebExchange;

/**
 * The configured scope rules, as exchange matchers with the scopes they require.
 */
public final class ScopeRules {

	private final List<Rule> rules;

	public ScopeRules(List<EdgeSecurityProperties.ScopeRule> rules) {
		this.rules = rules.stream().map(Rule::of).toList();
	}

	/**
	 * Find the first rule that matches an exchange.
	 * @param exchange the exchange
	 * @return the rule, or {@code null} when none matches
	 */
	@Nullable Rule match(ServerWebExchange exchange) {
		for (Rule rule : this.rules) {
			if (rule.matcher().test(exchange)) {
				return rule;
			}
		}
		return null;
	}

	/**
	 * Find the scopes the first matching rule requires.
	 * @param exchange the exchange
	 * @return the scopes, or empty when no rule matches
	 */
	public Mono<Set<String>> requiredScopes(ServerWebExchange exchange) {
		Rule rule = match(exchange);
		return (rule != null) ? Mono.just(rule.scopes()) : Mono.empty();
	}

	@Override
	public String toString() {
		return this.rules.toString();
	}

	/**
	 * A rule.
	 *
	 * @param matcher what the rule applies to
	 * @param scopes scopes required
	 */
	record Rule(PathMatcher matcher, Set<String> scopes) {

		static Rule of(EdgeSecurityProperties.ScopeRule rule) {
			return new Rule(PathMatcher.of(rule), Set.copyOf(rule.getScopes()));
		}

		boolean allows(Authentication authentication) {
			if (!authentication.isAuthenticated()) {
				return false;
			}
			for (String scope : this.scopes) {
				if (!hasAuthority(authentication, "SCOPE_" + scope)) {
					return false;
				}
			}
			return true;
		}

		private static boolean hasAuthority(Authentication authentication, String authority) {
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				if (authority.equals(granted.getAuthority())) {
					return true;
				}
			}
			return false;
		}

		Mono<AuthorizationResult> check(Mono<Authentication> authentication) {
			return authentication.filter(Authentication::isAuthenticated)
				.map((auth) -> auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList())
				.<AuthorizationResult>map((authorities) -> new AuthorizationDecision(
						this.scopes.stream().allMatch((scope) -> authorities.contains("SCOPE_" + scope))))
				.defaultIfEmpty(new AuthorizationDecision(false));
		}

	}

}
