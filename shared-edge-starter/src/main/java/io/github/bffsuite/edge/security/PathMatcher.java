package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.support.RequestRule;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches an exchange against path patterns and methods ({@link RequestRule}s) in one
 * synchronous pass. Spring Security's {@code pathMatchers(...)} builds one reactive
 * matcher per pattern under an {@code OrServerWebExchangeMatcher}, whose debug message is
 * formatted on every request even with debug logging off (commons-logging 1.3's SLF4J
 * bridge renders messages before it checks the level); on a pass-through route that
 * showed as 1.5% of the CPU.
 */
final class PathMatcher implements ServerWebExchangeMatcher {

	private static final Mono<MatchResult> MATCH = MatchResult.match();

	private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

	private final List<RequestRule.Matcher> matchers;

	private final String description;

	private PathMatcher(List<RequestRule.Matcher> matchers, String description) {
		this.matchers = matchers;
		this.description = description;
	}

	/**
	 * Match any of the patterns, whatever the method.
	 * @param patterns the path patterns
	 * @return the matcher
	 */
	static PathMatcher anyOf(List<String> patterns) {
		// public paths stay case-sensitive: matching more spellings would open more
		return new PathMatcher(patterns.stream()
			.map((pattern) -> new RequestRule.Matcher(PathPatternParser.defaultInstance.parse(pattern), Set.of()))
			.toList(), patterns.toString());
	}

	/**
	 * Match what a rule names.
	 * @param rule the rule
	 * @return the matcher
	 */
	static PathMatcher of(RequestRule rule) {
		return new PathMatcher(List.of(rule.matcher()),
				(rule.getMethods().isEmpty() ? "" : rule.getMethods() + " ") + "[" + rule.getPattern() + "]");
	}

	boolean test(ServerWebExchange exchange) {
		HttpMethod method = exchange.getRequest().getMethod();
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (RequestRule.Matcher matcher : this.matchers) {
			if (matcher.matches(method, path)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public Mono<MatchResult> matches(ServerWebExchange exchange) {
		return test(exchange) ? MATCH : NO_MATCH;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
