package io.github.bffsuite.edge.downstream.cache;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the answers of one resource depend on besides its URL and tenant, as a shared HTTP
 * cache records it under the resource before it looks up the variant: the request headers
 * the service named in {@code Vary}, and whether answers are per principal
 * ({@code Cache-Control: private}).
 *
 * @param perPrincipal whether each principal has its own answer
 * @param headers the lower-case names of the request headers answers vary on, sorted
 */
public record VarySpec(boolean perPrincipal, List<String> headers) {

	/**
	 * Return the spec of an answer.
	 * @param perPrincipal whether the answer is private
	 * @param vary the {@code Vary} header values of the answer
	 * @return the spec
	 */
	static VarySpec of(boolean perPrincipal, List<String> vary) {
		List<String> headers = vary.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.map((name) -> name.trim().toLowerCase(Locale.ROOT))
			.filter((name) -> !name.isEmpty())
			.distinct()
			.sorted()
			.toList();
		return new VarySpec(perPrincipal, headers);
	}

	/**
	 * Return the spec as one line, for stores that keep strings.
	 * @return such as {@code p:accept,accept-language}
	 */
	String encode() {
		return (this.perPrincipal ? "p:" : "s:") + String.join(",", this.headers);
	}

	/**
	 * Read a spec written by {@link #encode()}.
	 * @param encoded the line
	 * @return the spec
	 */
	static VarySpec decode(String encoded) {
		String names = encoded.substring(2);
		return new VarySpec(encoded.startsWith("p:"), names.isEmpty() ? List.of() : List.of(names.split(",")));
	}

}
