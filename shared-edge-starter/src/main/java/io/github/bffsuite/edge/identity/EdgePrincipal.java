package io.github.bffsuite.edge.identity;

import java.security.Principal;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who a request comes from, whatever the mechanism that proved it: the one identity the
 * edge passes downstream and keys rate limits on.
 *
 * @param kind how the caller authenticated
 * @param userId the end user's id, absent for machine clients
 * @param tenantId the tenant
 * @param clientId the OAuth2 client id or API key id
 * @param scopes granted scopes
 * @param roles the user's roles
 * @param plan the partner plan (API keys), such as {@code basic} or {@code pro}
 */
public record EdgePrincipal(Kind kind, @Nullable String userId, @Nullable String tenantId, @Nullable String clientId,
		Set<String> scopes, Set<String> roles, @Nullable String plan) implements Principal {

	@Override
	public String getName() {
		if (this.userId != null) {
			return this.userId;
		}
		return (this.clientId != null) ? this.clientId : "anonymous";
	}

	/**
	 * How a caller authenticated.
	 */
	public enum Kind {

		/** A bearer token issued to a user. */
		USER,

		/** A bearer token issued to a client on its own behalf (client credentials). */
		CLIENT,

		/** An API key. */
		API_KEY

	}

}
