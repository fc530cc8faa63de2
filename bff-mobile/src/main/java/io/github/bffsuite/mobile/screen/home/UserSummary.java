package io.github.bffsuite.mobile.screen.home;

/**
 * Who is signed in, as the home screen greets them.
 *
 * @param id the user id
 * @param firstName the first name
 * @param avatar the avatar URL
 */
public record UserSummary(String id, String firstName, String avatar) {

}
