package io.github.bffsuite.edge.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.greenbytes.http.sfv.IntegerItem;
import org.greenbytes.http.sfv.Item;
import org.greenbytes.http.sfv.ListElement;
import org.greenbytes.http.sfv.OuterList;
import org.greenbytes.http.sfv.Parser;
import org.greenbytes.http.sfv.StringItem;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the IETF httpapi draft-10 {@code RateLimit-Policy} and {@code RateLimit} response
 * headers with a third-party RFC 8941/9651 structured-field parser (greenbytes
 * {@code structured-fields}), checking that each is a list of sf-string items with the
 * draft's integer parameters.
 */
public final class RateLimitFields {

	private RateLimitFields() {
	}

	/**
	 * Parse {@code RateLimit-Policy}: one item per policy, each with {@code q} and
	 * {@code w}.
	 * @param headers the response headers
	 * @return the parameters of each policy, by name, in header order
	 */
	public static Map<String, Map<String, Long>> policies(HttpHeaders headers) {
		return parse(headers, "RateLimit-Policy", "q", "w");
	}

	/**
	 * Parse {@code RateLimit}: one item per policy, each with {@code r} and {@code t}.
	 * @param headers the response headers
	 * @return the parameters of each policy, by name, in header order
	 */
	public static Map<String, Map<String, Long>> limits(HttpHeaders headers) {
		return parse(headers, "RateLimit", "r", "t");
	}

	/**
	 * Check that a response carries the draft-10 headers and not the draft-07 ones, and
	 * that {@code RateLimit} names only policies that {@code RateLimit-Policy} announces.
	 * @param headers the response headers
	 * @return the parameters of each policy in {@code RateLimit}, by name
	 */
	public static Map<String, Map<String, Long>> assertDraft10(HttpHeaders headers) {
		Map<String, Map<String, Long>> policies = policies(headers);
		Map<String, Map<String, Long>> limits = limits(headers);
		assertThat(policies).isNotEmpty();
		assertThat(policies.keySet()).containsAll(limits.keySet());
		policies.values().forEach((policy) -> assertThat(policy.get("q")).isPositive());
		policies.values().forEach((policy) -> assertThat(policy.get("w")).isPositive());
		limits.values().forEach((limit) -> assertThat(limit.get("r")).isNotNegative());
		limits.values().forEach((limit) -> assertThat(limit.get("t")).isNotNegative());
		assertThat(headers.containsHeader("RateLimit-Limit")).as("draft-07 RateLimit-Limit").isFalse();
		assertThat(headers.containsHeader("RateLimit-Remaining")).as("draft-07 RateLimit-Remaining").isFalse();
		assertThat(headers.containsHeader("RateLimit-Reset")).as("draft-07 RateLimit-Reset").isFalse();
		return limits;
	}

	private static Map<String, Map<String, Long>> parse(HttpHeaders headers, String name, String... parameters) {
		List<String> lines = headers.get(name);
		assertThat(lines).as(name).isNotNull().isNotEmpty();
		// RFC 9651 4.2: several field lines are one list, joined by commas
		OuterList list = new Parser(lines).parseList();
		Map<String, Map<String, Long>> items = new LinkedHashMap<>();
		for (ListElement<?> element : list.get()) {
			assertThat(element).as(name + " member " + element.serialize()).isInstanceOf(StringItem.class);
			StringItem item = (StringItem) element;
			Map<String, Long> values = new LinkedHashMap<>();
			for (String parameter : parameters) {
				Item<?> value = item.getParams().get(parameter);
				assertThat(value).as(name + " " + item.serialize() + " parameter " + parameter)
					.isInstanceOf(IntegerItem.class);
				values.put(parameter, ((IntegerItem) value).get());
			}
			assertThat(items.put(item.get(), values)).as(name + " names " + item.get() + " twice").isNull();
		}
		return items;
	}

}
