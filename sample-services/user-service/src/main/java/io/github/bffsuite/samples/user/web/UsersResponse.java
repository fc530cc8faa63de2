package io.github.bffsuite.samples.user.web;

import java.util.List;

import io.github.bffsuite.samples.user.data.User;

/**
 * Body of a batch lookup.
 *
 * @param users the users found, in the order requested
 */
public record UsersResponse(List<User> users) {

}
