package io.github.bffsuite.edge.security.apikey;

import io.github.bffsuite.edge.security.ProblemAuthenticationEntryPoint;
import io.github.bffsuite.edge.security.apikey.ApiKeyAuthenticationManager.InvalidApiKeyException;
import io.github.bffsuite.edge.web.EdgeProblems;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;

/**
 * Answers a refused API key with a 401 {@code invalid-api-key} problem that says why
 * ({@code reason}) and an {@code ApiKey} challenge naming the header; any other failure
 * goes to the edge's entry point.
 */
public class ApiKeyAuthenticationFailureHandler implements ServerAuthenticationFailureHandler {

	private final ProblemAuthenticationEntryPoint entryPoint;

	private final String challenge;

	/**
	 * Create a handler.
	 * @param entryPoint the edge's entry point, which writes the problem
	 * @param header the request header carrying the API key
	 */
	public ApiKeyAuthenticationFailureHandler(ProblemAuthenticationEntryPoint entryPoint, String header) {
		this.entryPoint = entryPoint;
		this.challenge = "ApiKey realm=\"" + ProblemAuthenticationEntryPoint.REALM + "\", header=\"" + header + "\"";
	}

	@Override
	public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException ex) {
		if (ex instanceof InvalidApiKeyException invalid) {
			ProblemDetail problem = EdgeProblems.problem(HttpStatus.UNAUTHORIZED, "invalid-api-key", ex.getMessage());
			problem.setProperty("reason", invalid.reason());
			return this.entryPoint.commence(exchange.getExchange(), problem, this.challenge);
		}
		return this.entryPoint.commence(exchange.getExchange(), ex);
	}

}
