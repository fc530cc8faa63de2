package io.github.bffsuite.samples.order.data;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The deterministic demo orders of {@code docs/sample-data.md}: {@code o-00001} …
 * {@code o-20000} drawn from {@code java.util.Random(11)}. Unit prices are historical
 * prices at order time, so they need not match today's catalogue.
 */
public final class SampleOrders {

	/** How many orders are seeded. */
	public static final int COUNT = 20_000;

	/** Tenants by {@code (userNumber - 1) % 3}, as the contract defines. */
	private static final List<String> TENANTS = List.of("acme", "globex", "initech");

	private static final Instant END = Instant.parse("2026-01-01T00:00:00Z");

	private static final int SPAN_SECONDS = (int) Duration.ofDays(730).toSeconds();

	private SampleOrders() {
	}

	/**
	 * Generate the seeded orders; the same list on every call.
	 * @return the orders
	 */
	public static List<Order> generate() {
		Random random = new Random(11);
		List<Order> orders = new ArrayList<>(COUNT);
		for (int i = 1; i <= COUNT; i++) {
			int user = 1 + random.nextInt(200);
			int lines = 1 + random.nextInt(4);
			List<OrderItem> items = new ArrayList<>(lines);
			for (int line = 0; line < lines; line++) {
				String productId = "p-" + pad(1 + random.nextInt(5000), 4);
				items.add(new OrderItem(productId, 1 + random.nextInt(5), 99 + random.nextInt(50_000)));
			}
			OrderStatus status = status(random.nextInt(100));
			Instant createdAt = END.minusSeconds(1 + random.nextInt(SPAN_SECONDS));
			orders.add(new Order("o-" + pad(i, 5), tenantOf(user), "u-" + pad(user, 3), List.copyOf(items),
					Order.total(items), status, createdAt, createdAt));
		}
		return orders;
	}

	/**
	 * Return the tenant of a user number.
	 * @param user the user number, from 1 to 200
	 * @return the tenant id
	 */
	public static String tenantOf(int user) {
		return TENANTS.get((user - 1) % 3);
	}

	// String.format is too slow for 100,000 ids at start-up
	private static String pad(int number, int width) {
		String digits = Integer.toString(number);
		return "0".repeat(Math.max(0, width - digits.length())) + digits;
	}

	private static OrderStatus status(int percentile) {
		if (percentile < 10) {
			return OrderStatus.PENDING;
		}
		if (percentile < 25) {
			return OrderStatus.PAID;
		}
		if (percentile < 40) {
			return OrderStatus.SHIPPED;
		}
		return (percentile < 90) ? OrderStatus.DELIVERED : OrderStatus.CANCELLED;
	}

}
