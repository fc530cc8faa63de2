package io.github.bffsuite.partner.v2;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An amount of money: a decimal string, never a binary floating point number, and its
 * currency.
 *
 * @param amount the amount in major units, such as {@code "12.99"}
 * @param currency the ISO 4217 currency code
 */
public record Money(@Schema(example = "12.99", pattern = "-?\\d+\\.\\d{2}") String amount,
		@Schema(example = "EUR", pattern = "[A-Z]{3}") String currency) {

	static Money ofCents(long cents, String currency) {
		return new Money(BigDecimal.valueOf(cents, 2).toPlainString(), currency);
	}

}
