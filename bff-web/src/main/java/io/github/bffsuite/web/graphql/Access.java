package io.github.bffsuite.web.graphql;

import io.github.bffsuite.edge.identity.EdgePrincipal;

/**
 * Field- and operation-level authorization on top of what the services enforce (tenant
 * isolation, ownership): scopes per operation. Who may read a user's e-mail is
 * {@link io.github.bffsuite.web.user.UserVisibility}'s to say.
 */
final class Access {

	static final String USERS_READ = "users:read";

	static final String ORDERS_READ = "orders:read";

	static final String ORDERS_WRITE = "orders:write";

	static final String PRODUCTS_READ = "products:read";

	private Access() {
	}

	static void requireScope(EdgePrincipal principal, String scope) {
		if (!principal.scopes().contains(scope)) {
			throw new ForbiddenException("Scope '" + scope + "' is required");
		}
	}

	static String requireUser(EdgePrincipal principal) {
		String userId = principal.userId();
		if (userId == null) {
			throw new ForbiddenException("A user token is required");
		}
		return userId;
	}

}
