package io.github.bffsuite.samples.auth.user;

import java.util.List;

/**
 * Dev-only demo user: a user of user-service that can log in to the sample issuer.
 *
 * @param login login name typed on the login page
 * @param id user id, the {@code sub} of the user's tokens
 * @param tenant tenant id
 * @param name display name
 * @param roles roles, lower case
 */
public record DemoUser(String login, String id, String tenant, String name, List<String> roles) {

}
