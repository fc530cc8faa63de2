package io.github.bffsuite.samples.order.data;

/**
 * One line of an order.
 *
 * @param productId the product id, such as {@code p-0042}
 * @param quantity how many units
 * @param unitPriceCents the unit price at order time, in cents
 */
public record OrderItem(String productId, int quantity, long unitPriceCents) {

	/**
	 * Return the price of the line.
	 * @return quantity times unit price, in cents
	 */
	public long lineTotalCents() {
		return this.quantity * this.unitPriceCents;
	}

}
