package io.github.bffsuite.web.client;

import java.util.List;

/**
 * A user as user-service returns it.
 *
 * @param id the user id, such as {@code u-001}
 * @param tenantId the tenant the user belongs to
 * @param name the display name
 * @param email the e-mail address
 * @param roles the roles, such as {@code admin} and {@code user}
 */
public record User(String id, String tenantId, String name, String email, List<String> roles) {

}
