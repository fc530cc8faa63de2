package io.github.bffsuite.edge.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

/**
 * One authentication mechanism's part of the edge's fused fast path: it says, without a
 * publisher and without I/O, whether a request carries a credential of its mechanism and
 * whether that credential is already known valid now (a cached token or key, its time
 * claims, revocation and address checked again). Whatever it cannot decide that way (no
 * credential, an unknown or failed one, a cache miss) is left to the security filter
 * chain, which decides it as it always has.
 */
public interface EdgeFastAuthenticator {

	/**
	 * Look at a request's credential.
	 * @param exchange the exchange
	 * @return the outcome
	 */
	Outcome authenticate(ServerWebExchange exchange);

	/**
	 * What a mechanism found on a request.
	 *
	 * @param credential whether the request carries a credential of this mechanism
	 * @param authentication the caller, when the credential is known valid now
	 */
	record Outcome(boolean credential, @Nullable Authentication authentication) {

		/** The request carries no credential of this mechanism. */
		public static final Outcome NONE = new Outcome(false, null);

		/** The request carries a credential this step cannot decide synchronously. */
		public static final Outcome UNDECIDED = new Outcome(true, null);

		/**
		 * A credential known valid now.
		 * @param authentication the caller
		 * @return the outcome
		 */
		public static Outcome authenticated(Authentication authentication) {
			return new Outcome(true, authentication);
		}

	}

}
