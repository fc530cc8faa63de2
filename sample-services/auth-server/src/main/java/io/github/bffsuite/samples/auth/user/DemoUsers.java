package io.github.bffsuite.samples.auth.user;

import java.util.List;
import java.util.Optional;

/**
 * Dev-only demo users, fixed by the suite's sample data contract
 * ({@code docs/sample-data.md}). All of them have the password {@code password}.
 */
public final class DemoUsers {

	/**
	 * Demo password of every demo user (dev-only).
	 */
	public static final String PASSWORD = "password";

	private static final List<DemoUser> USERS = List.of(
			new DemoUser("alice", "u-001", "acme", "Alice Anders", List.of("admin", "user")),
			new DemoUser("bob", "u-004", "acme", "Bob Brown", List.of("user")),
			new DemoUser("carol", "u-002", "globex", "Carol Chen", List.of("admin", "user")),
			new DemoUser("dave", "u-005", "globex", "Dave Diaz", List.of("user")),
			new DemoUser("erin", "u-003", "initech", "Erin Evans", List.of("admin", "user")),
			new DemoUser("frank", "u-006", "initech", "Frank Fox", List.of("user")));

	private DemoUsers() {
	}

	/**
	 * Return all demo users.
	 * @return the demo users
	 */
	public static List<DemoUser> all() {
		return USERS;
	}

	/**
	 * Find a demo user by login name.
	 * @param login the login name
	 * @return the user, if any
	 */
	public static Optional<DemoUser> findByLogin(String login) {
		return USERS.stream().filter((user) -> user.login().equals(login)).findFirst();
	}

}
