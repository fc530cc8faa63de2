package io.github.bffsuite.edge.security;

import org.springframework.web.server.ServerWebExchange;

/**
 * Told about every request the edge rejects with 401 or 403, such as to count
 * authentication failures by reason.
 */
@FunctionalInterface
public interface EdgeAuthenticationFailureListener {

	/**
	 * Called when a request is rejected.
	 * @param exchange the exchange
	 * @param reason the problem slug: {@code unauthenticated}, {@code invalid-token},
	 * {@code invalid-api-key} or {@code insufficient-scope}
	 */
	void onFailure(ServerWebExchange exchange, String reason);

}
