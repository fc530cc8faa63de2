package io.github.bffsuite.samples.product.grpc;

import java.time.Duration;

import io.github.bffsuite.samples.product.data.Product;
import reactor.core.publisher.Flux;

/**
 * The simulated price changes of a product: the n-th change is the same on every run
 * (derived from the product and n only), one every interval.
 */
class PriceChanges {

	private static final int[] STEPS_CENTS = { 100, -200, 300, -100, 200, -300, 0, 500, -500, 100, -100 };

	private static final int FLOOR_CENTS = 99;

	private final Duration interval;

	PriceChanges(Duration interval) {
		this.interval = interval;
	}

	/**
	 * The changes of a product's price as they happen.
	 * @param product the product
	 * @return the changes, from sequence 1, endless
	 */
	Flux<Change> watch(Product product) {
		return Flux.interval(this.interval).map((tick) -> change(product, tick + 1));
	}

	/**
	 * Return the n-th change of a product's price.
	 * @param product the product
	 * @param sequence the number of the change, from 1
	 * @return the change
	 */
	static Change change(Product product, long sequence) {
		return new Change(sequence, priceAfter(product, sequence - 1), priceAfter(product, sequence));
	}

	private static long priceAfter(Product product, long changes) {
		long price = product.priceCents();
		int offset = Math.floorMod(product.id().hashCode(), STEPS_CENTS.length);
		for (long n = 1; n <= changes; n++) {
			price = Math.max(FLOOR_CENTS, price + STEPS_CENTS[(int) ((offset + n) % STEPS_CENTS.length)]);
		}
		return price;
	}

	/**
	 * One change of a price.
	 *
	 * @param sequence the number of the change, from 1
	 * @param oldCents the price before, in cents
	 * @param newCents the price after, in cents
	 */
	record Change(long sequence, long oldCents, long newCents) {

	}

}
