package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches an exchange against several path patterns (and optionally methods) in one
 * synchronous pass. Spring Security's {@code pathMatchers(...)} builds one reactive
 * matcher per pattern under an {@code OrServerWebExchangeMatcher}, whose debug message is
 * formatted on every request even with debug logging off (commons-logging 1.3's SLF4J
 * bridge renders messages before it checks the level); on a pass-through route that
 * showed as 1.5% of the CPU.
 */
final class PathMatcher implements ServerWebExchangeMatcher {

	private static final Mono<MatchResult> MATCH = MatchResult.match();

	private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

	private final List<PathPattern> patterns;

	private final Set<HttpMethod> methods;

	private final String description;

	PathMatcher(List<String> patterns, Set<HttpMethod> methods) {
		this.patterns = patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.methods = Set.copyOf(methods);
		this.description = (methods.isEmpty() ? "" : methods + " ") + patterns;
	}

	boolean test(ServerWebExchange exchange) {
		if (!this.methods.isEmpty() && !this.methods.contains(exchange.getRequest().getMethod())) {
			return false;
		}
		PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
		for (PathPattern pattern : this.patterns) {
			if (pattern.matches(path)) {
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
