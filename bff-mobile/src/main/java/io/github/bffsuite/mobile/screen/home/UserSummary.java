package io.github.bffsuite.mobile.screen.home;

import io.github.bffsuite.clients.User;

/**
 * Who is signed in, as the home screen greets them.
 *
 * @param id the user id
 * @param firstName the first name
 * @param avatar the avatar URL
 */
public record UserSummary(String id, String firstName, String avatar) {

	/**
	 * Make the summary of a user: the first name is the display name up to its first
	 * space.
	 * @param user the user
	 * @param avatar the avatar URL
	 * @return the summary
	 */
	static UserSummary of(User user, String avatar) {
		String trimmed = user.name().strip();
		int space = trimmed.indexOf(' ');
		return new UserSummary(user.id(), (space > 0) ? trimmed.substring(0, space) : trimmed, avatar);
	}

}
