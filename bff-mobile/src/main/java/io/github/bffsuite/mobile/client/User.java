package io.github.bffsuite.mobile.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A user as user-service answers it, the fields the screens use.
 *
 * @param id the user id, such as {@code u-004}
 * @param name the display name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(String id, String name) {

	/**
	 * Return the first name: the display name up to its first space.
	 * @return the first name
	 */
	public String firstName() {
		String trimmed = this.name.strip();
		int space = trimmed.indexOf(' ');
		return (space > 0) ? trimmed.substring(0, space) : trimmed;
	}

}
