package io.github.bffsuite.samples.user.data;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UserDirectory}.
 */
class UserDirectoryTests {

	private final UserDirectory directory = new UserDirectory();

	@Test
	void seedsTwoHundredUsersWithTenantsByIdModuloThree() {
		for (int n = 1; n <= 200; n++) {
			String id = "u-%03d".formatted(n);
			assertThat(this.directory.findById(id)).get()
				.extracting(User::tenantId)
				.isEqualTo(List.of("acme", "globex", "initech").get((n - 1) % 3));
		}
		assertThat(this.directory.findById("u-201")).isEmpty();
		assertThat(this.directory.findById("u-000")).isEmpty();
	}

	@Test
	void seedsDemoUsersWithFixedFields() {
		assertThat(this.directory.findById("u-001")).get().satisfies((alice) -> {
			assertThat(alice.name()).isEqualTo("Alice Anders");
			assertThat(alice.tenantId()).isEqualTo("acme");
			assertThat(alice.roles()).containsExactly("admin", "user");
			assertThat(alice.email()).isEqualTo("alice@acme.example");
		});
		assertThat(this.directory.findById("u-004")).get()
			.satisfies((bob) -> assertThat(bob.name()).isEqualTo("Bob Brown"))
			.satisfies((bob) -> assertThat(bob.roles()).containsExactly("user"));
		assertThat(this.directory.findById("u-002")).get().extracting(User::name).isEqualTo("Carol Chen");
		assertThat(this.directory.findById("u-005")).get().extracting(User::name).isEqualTo("Dave Diaz");
		assertThat(this.directory.findById("u-003")).get().extracting(User::name).isEqualTo("Erin Evans");
		assertThat(this.directory.findById("u-006")).get().extracting(User::name).isEqualTo("Frank Fox");
	}

	@Test
	void seedsTheSameUsersOnEveryStart() {
		UserDirectory other = new UserDirectory();
		for (int n = 1; n <= 200; n++) {
			String id = "u-%03d".formatted(n);
			assertThat(other.findById(id)).isEqualTo(this.directory.findById(id));
		}
	}

	@Test
	void findsOnlyUsersOfTheGivenTenantInTheRequestedOrder() {
		assertThat(this.directory.findAllInTenant("acme", List.of("u-004", "u-002", "u-999", "u-001")))
			.extracting(User::id)
			.containsExactly("u-004", "u-001");
		assertThat(this.directory.findInTenant("globex", "u-001")).isEmpty();
	}

}
