package io.github.bffsuite.clients;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A user as user-service answers it.
 *
 * @param id the user id, such as {@code u-001}
 * @param tenantId the tenant the user belongs to
 * @param name the display name
 * @param email the e-mail address
 * @param roles the roles, such as {@code admin} and {@code user}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(String id, String tenantId, String name, String email, List<String> roles) {

}
