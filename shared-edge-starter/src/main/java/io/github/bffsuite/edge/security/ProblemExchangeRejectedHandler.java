package io.github.bffsuite.edge.security;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers a request that Spring Security's firewall rejected (path traversal, encoded
 * slashes or dots, semicolons, double slashes, backslashes, disallowed headers) with a
 * 400 bad-request problem, like every other edge error, instead of an empty 400. The
 * detail does not say which check failed.
 */
public class ProblemExchangeRejectedHandler implements ServerExchangeRejectedHandler {

	private static final Log logger = LogFactory.getLog(ProblemExchangeRejectedHandler.class);

	private final ProblemResponseWriter writer;

	public ProblemExchangeRejectedHandler(ProblemResponseWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException ex) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected " + exchange.getRequest().getMethod() + " request: " + ex.getMessage());
		}
		return this.writer.write(exchange, EdgeProblems.problem(HttpStatus.BAD_REQUEST, "bad-request",
				"The request URL or headers contain characters or sequences the gateway does not accept"));
	}

}
