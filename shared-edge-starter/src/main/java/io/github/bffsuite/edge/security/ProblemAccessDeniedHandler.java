package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers authenticated requests that lack a required scope with a 403 problem and an RFC
 * 6750 {@code insufficient_scope} challenge naming the scopes, and requests to a path no
 * rule names (when rules deny by default) with a 403 {@code access-denied} problem.
 */
public class ProblemAccessDeniedHandler implements ServerAccessDeniedHandler {

	private final ProblemResponseWriter writer;

	private final ScopeRules rules;

	private final List<EdgeAuthenticationFailureListener> listeners;

	public ProblemAccessDeniedHandler(ProblemResponseWriter writer, ScopeRules rules,
			List<EdgeAuthenticationFailureListener> listeners) {
		this.writer = writer;
		this.rules = rules;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return this.rules.requiredScopes(exchange).defaultIfEmpty(Set.of()).flatMap((scopes) -> {
			if (scopes.isEmpty()) {
				// no rule names the path: denied by default, no scope would help
				this.listeners.forEach((listener) -> listener.onFailure(exchange, "access-denied"));
				return this.writer.write(exchange,
						EdgeProblems.problem(HttpStatus.FORBIDDEN, "access-denied",
								"No access rule grants " + exchange.getRequest().getMethod().name() + " "
										+ exchange.getRequest().getPath().pathWithinApplication().value()));
			}
			String scope = String.join(" ", new TreeSet<>(scopes));
			ProblemDetail problem = EdgeProblems.problem(HttpStatus.FORBIDDEN, "insufficient-scope",
					scope.isEmpty() ? "Access to this resource is denied" : "Scope(s) required: " + scope);
			if (!scopes.isEmpty()) {
				problem.setProperty("requiredScopes", new TreeSet<>(scopes));
			}
			exchange.getResponse()
				.getHeaders()
				.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
			this.listeners.forEach((listener) -> listener.onFailure(exchange, "insufficient-scope"));
			return this.writer.write(exchange, problem);
		});
	}

}
