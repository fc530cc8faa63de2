package io.github.bffsuite.edge.security;

import java.util.List;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers unauthenticated requests with a 401 problem and an RFC 6750
 * {@code WWW-Authenticate} challenge. The detail says what kind of credential failed,
 * never why a token was rejected in a way that would help forge one, and never echoes the
 * credential.
 */
public class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

	/** Realm of the edge's {@code WWW-Authenticate} challenges. */
	public static final String REALM = "edge";

	private final ProblemResponseWriter writer;

	private final List<EdgeAuthenticationFailureListener> listeners;

	public ProblemAuthenticationEntryPoint(ProblemResponseWriter writer,
			List<EdgeAuthenticationFailureListener> listeners) {
		this.writer = writer;
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		ProblemDetail problem;
		String challenge;
		if (ex instanceof InvalidBearerTokenException || hasBearerToken(exchange)) {
			problem = EdgeProblems.problem(HttpStatus.UNAUTHORIZED, "invalid-token",
					"The access token is malformed, expired, or not valid for this gateway");
			challenge = "Bearer realm=\"" + REALM
					+ "\", error=\"invalid_token\", error_description=\"The access token is not valid\"";
		}
		else {
			problem = EdgeProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
					"Credentials are required to access this resource");
			challenge = "Bearer realm=\"" + REALM + "\"";
		}
		return commence(exchange, problem, challenge);
	}

	/**
	 * Answer with a 401 problem and a challenge, and tell the listeners; for
	 * authentication mechanisms with a problem and challenge of their own.
	 * @param exchange the exchange
	 * @param problem the 401 problem
	 * @param challenge the {@code WWW-Authenticate} challenge
	 * @return completion
	 */
	public Mono<Void> commence(ServerWebExchange exchange, ProblemDetail problem, String challenge) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
		String reason = String.valueOf(problem.getType()).substring(EdgeProblems.BASE.length());
		this.listeners.forEach((listener) -> listener.onFailure(exchange, reason));
		return this.writer.write(exchange, problem);
	}

	private static boolean hasBearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6);
	}

}
