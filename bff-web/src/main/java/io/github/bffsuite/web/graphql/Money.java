package io.github.bffsuite.web.graphql;

import java.math.BigDecimal;

/**
 * An amount of money as the schema shows it.
 *
 * @param amount a decimal string, such as {@code 12.50}
 * @param currency the ISO 4217 currency code
 */
public record Money(String amount, String currency) {

	/**
	 * Currency of order amounts: order-service prices lines in the catalogue's currency.
	 */
	static final String ORDER_CURRENCY = "EUR";

	static Money ofCents(long cents, String currency) {
		return new Money(BigDecimal.valueOf(cents, 2).toPlainString(), currency);
	}

}
