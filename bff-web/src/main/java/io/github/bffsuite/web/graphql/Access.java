package io.github.bffsuite.web.graphql;

import io.github.bffsuite.edge.identity.EdgePrincipal;

/**
 * Field- and operation-level authorization on top of what the services enforce (tenant
 * isolation, ownership): scopes per operation. Who may read a user's e-mail is
 * {@link io.github.bffsuite.web.user.UserVisibility}'s to say.
 */
final class Access {

	/** {@code @PreAuthorize}: the token has the {@code users:read} scope. */
	static final String USERS_READ = "hasAuthority('SCOPE_users:read')";

	/** {@code @PreAuthorize}: the token has the {@code orders:read} scope. */
	static final String ORDERS_READ = "hasAuthority('SCOPE_orders:read')";

	/** {@code @PreAuthorize}: the token has the {@code orders:write} scope. */
	static final String ORDERS_WRITE = "hasAuthority('SCOPE_orders:write')";

	/** {@code @PreAuthorize}: the token has the {@code products:read} scope. */
	static final String PRODUCTS_READ = "hasAuthority('SCOPE_products:read')";

	private Access() {
	}

	static String requireUser(EdgePrincipal principal) {
		String userId = principal.userId();
		if (userId == null) {
			throw new ForbiddenException("A user token is required");
		}
		return userId;
	}

}
