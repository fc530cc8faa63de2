package io.github.bffsuite.samples.user.data;

import java.time.Instant;
import java.util.List;

/**
 * A user of one tenant.
 *
 * @param id the user id, such as {@code u-001}
 * @param tenantId the tenant the user belongs to
 * @param name the display name
 * @param email the e-mail address
 * @param roles the roles, such as {@code admin} and {@code user}
 * @param createdAt when the user was created
 */
public record User(String id, String tenantId, String name, String email, List<String> roles, Instant createdAt) {

	public User {
		roles = List.copyOf(roles);
	}

}
