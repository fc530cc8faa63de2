package io.github.bffsuite.edge.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets of {@link StickyHash}: fixed values (the same in every JVM, instance and
 * release, or callers would change version on an upgrade) and an even spread.
 */
class StickyHashTests {

	@Test
	void givesEveryCallerAFixedBucket() {
		// the README's demo users on bff-web's products route (docs/delivery.md)
		assertThat(StickyHash.bucket("products", "u-001")).isEqualTo(5567);
		assertThat(StickyHash.bucket("products", "u-003")).isEqualTo(2037);
		assertThat(StickyHash.bucket("products", "u-004")).isEqualTo(2793);
		assertThat(StickyHash.bucket("products", "u-005")).isEqualTo(2306);
	}

	@Test
	void splitsAThousandUsersWithinTwoPointsOfEachWeight() {
		for (int weight : new int[] { 5, 10, 25, 50, 75, 90 }) {
			int onCanary = 0;
			for (int i = 0; i < 1000; i++) {
				if (StickyHash.bucket("products", "user-" + i) < weight * 100) {
					onCanary++;
				}
			}
			assertThat(onCanary / 10.0).as("weight %d", weight).isBetween(weight - 2.0, weight + 2.0);
		}
	}

	@Test
	void splitsEachRouteOnItsOwn() {
		int same = 0;
		for (int i = 0; i < 1000; i++) {
			boolean products = StickyHash.bucket("products", "user-" + i) < 5000;
			boolean orders = StickyHash.bucket("orders", "user-" + i) < 5000;
			same += (products == orders) ? 1 : 0;
		}
		assertThat(same).isBetween(440, 560);
	}

}
