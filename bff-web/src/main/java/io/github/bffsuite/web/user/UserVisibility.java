package io.github.bffsuite.web.user;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The one rule of what bff-web shows of a user beyond what user-service enforces (users
 * of the caller's tenant only): the e-mail address is visible only to the user themself
 * and to admins of the user's tenant. The GraphQL field {@code User.email} and the
 * {@code /api/users/**} pass-through ({@link ApplyUserVisibilityGatewayFilterFactory})
 * both ask this class, so the two paths cannot disagree.
 */
public final class UserVisibility {

	/** The role that lets a user see the e-mail of every user of their tenant. */
	public static final String ADMIN = "admin";

	/** The field of a user that this rule guards. */
	public static final String EMAIL = "email";

	private UserVisibility() {
	}

	/**
	 * Whether the caller may read a user's e-mail: the user themself, or an admin of the
	 * user's tenant.
	 * @param caller who asks, {@code null} when nobody is signed in
	 * @param userId the id of the user shown
	 * @param userTenantId the tenant of the user shown
	 * @return whether the e-mail may be shown
	 */
	public static boolean maySeeEmail(@Nullable EdgePrincipal caller, @Nullable String userId,
			@Nullable String userTenantId) {
		if (caller == null || userId == null || userTenantId == null) {
			return false;
		}
		if (userId.equals(caller.userId())) {
			return true;
		}
		return caller.roles().contains(ADMIN) && userTenantId.equals(caller.tenantId());
	}

}
