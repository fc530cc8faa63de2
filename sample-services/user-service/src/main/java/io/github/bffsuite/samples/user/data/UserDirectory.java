package io.github.bffsuite.samples.user.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.springframework.stereotype.Component;

/**
 * The 200 users of the suite's sample data contract ({@code docs/sample-data.md}), seeded
 * the same way on every start: demo users with fixed fields, the others drawn from
 * {@code java.util.Random(42)}.
 */
@Component
public class UserDirectory {

	/**
	 * Tenants in the order that assigns {@code u-NNN} to {@code TENANTS[(NNN - 1) % 3]}.
	 */
	public static final List<String> TENANTS = List.of("acme", "globex", "initech");

	/** Number of seeded users. */
	public static final int SIZE = 200;

	private static final long SEED = 42;

	private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

	private static final int CREATION_WINDOW_SECONDS = 730 * 24 * 3600;

	private static final List<String> FIRST_NAMES = List.of("Liam", "Olivia", "Noah", "Emma", "Mia", "Lucas", "Sofia",
			"Ethan", "Ava", "Mateo", "Isla", "Leo", "Zoe", "Hugo", "Nora", "Felix", "Ivy", "Oscar", "Lena", "Theo",
			"Maya", "Jonas", "Clara", "Elias");

	private static final List<String> LAST_NAMES = List.of("Smith", "Garcia", "Muller", "Rossi", "Novak", "Silva",
			"Kim", "Nguyen", "Jensen", "Dubois", "Kowalski", "Haddad", "Ito", "Okafor", "Larsen", "Moreau", "Costa",
			"Weber", "Patel", "Berg");

	private static final Map<Integer, DemoUser> DEMO_USERS = Map.of(1, new DemoUser("alice", "Alice Anders", true), 4,
			new DemoUser("bob", "Bob Brown", false), 2, new DemoUser("carol", "Carol Chen", true), 5,
			new DemoUser("dave", "Dave Diaz", false), 3, new DemoUser("erin", "Erin Evans", true), 6,
			new DemoUser("frank", "Frank Fox", false));

	private final Map<String, User> users;

	public UserDirectory() {
		this.users = seed();
	}

	private static Map<String, User> seed() {
		Random random = new Random(SEED);
		Map<String, User> users = new LinkedHashMap<>();
		for (int n = 1; n <= SIZE; n++) {
			// Every user consumes the same draws, so the demo users do not shift the
			// others
			String first = FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size()));
			String last = LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
			Instant createdAt = EPOCH.plusSeconds(random.nextInt(CREATION_WINDOW_SECONDS));
			String id = "u-%03d".formatted(n);
			String tenant = TENANTS.get((n - 1) % TENANTS.size());
			DemoUser demo = DEMO_USERS.get(n);
			User user = (demo != null)
					? new User(id, tenant, demo.name(), demo.login() + "@" + tenant + ".example",
							demo.admin() ? List.of("admin", "user") : List.of("user"), createdAt)
					: new User(id, tenant, first + " " + last,
							"%s.%s.%03d@%s.example".formatted(first, last, n, tenant).toLowerCase(Locale.ROOT),
							List.of("user"), createdAt);
			users.put(id, user);
		}
		return Map.copyOf(users);
	}

	/**
	 * Find a user of any tenant.
	 * @param id the user id
	 * @return the user, if it exists
	 */
	public Optional<User> findById(String id) {
		return Optional.ofNullable(this.users.get(id));
	}

	/**
	 * Find a user of the given tenant; users of other tenants do not exist for it.
	 * @param tenantId the caller's tenant
	 * @param id the user id
	 * @return the user, if it exists in that tenant
	 */
	public Optional<User> findInTenant(String tenantId, String id) {
		return findById(id).filter((user) -> user.tenantId().equals(tenantId));
	}

	/**
	 * Find the users of the given tenant among the given ids, leaving out unknown ids and
	 * other tenants' users.
	 * @param tenantId the caller's tenant
	 * @param ids the user ids, without duplicates
	 * @return the users found, in the order of {@code ids}
	 */
	public List<User> findAllInTenant(String tenantId, List<String> ids) {
		List<User> found = new ArrayList<>(ids.size());
		for (String id : ids) {
			findInTenant(tenantId, id).ifPresent(found::add);
		}
		return found;
	}

	private record DemoUser(String login, String name, boolean admin) {

	}

}
