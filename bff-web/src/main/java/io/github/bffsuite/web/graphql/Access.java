package io.github.bffsuite.web.graphql;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.web.client.User;

/**
 * Field- and operation-level authorization on top of what the services enforce (tenant
 * isolation, ownership): scopes per operation and who may read a user's e-mail.
 */
final class Access {

	static final String USERS_READ = "users:read";

	static final String ORDERS_READ = "orders:read";

	static final String ORDERS_WRITE = "orders:write";

	static final String PRODUCTS_READ = "products:read";

	private static final String ADMIN = "admin";

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

	/**
	 * Whether the caller may read a user's e-mail: the user themself, or an admin of the
	 * user's tenant.
	 */
	static boolean maySeeEmail(EdgePrincipal principal, User user) {
		if (user.id().equals(principal.userId())) {
			return true;
		}
		return principal.roles().contains(ADMIN) && user.tenantId().equals(principal.tenantId());
	}

}
