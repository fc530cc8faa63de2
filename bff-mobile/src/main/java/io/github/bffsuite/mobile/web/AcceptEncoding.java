package io.github.bffsuite.mobile.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Picks the content coding of a response from a request's {@code Accept-Encoding} as RFC
 * 9110 12.5.3 asks: {@code q=0} means never, the highest weight wins, ties go to the
 * gateway's own order of preference, {@code *} stands for every coding not listed, and
 * {@code identity} (no coding) is the answer when no coding is acceptable; it competes
 * with the codings only when weighted itself or through {@code *}. Neither Spring nor
 * Netty has such a parser: Netty's {@code HttpContentCompressor} prefers brotli and zstd
 * to any gzip weight and reads {@code q=0} as acceptable.
 */
public final class AcceptEncoding {

	/** No content coding. */
	public static final String IDENTITY = "identity";

	private static final String ANY = "*";

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	// RFC 9110 12.4.2 qvalue
	private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

	private AcceptEncoding() {
	}

	/**
	 * Return the coding to answer with.
	 * @param acceptEncoding the request's {@code Accept-Encoding}, all its lines joined
	 * with commas
	 * @param available the codings the server can apply, most preferred first, without
	 * {@code identity}
	 * @return one of {@code available}, or {@link #IDENTITY} when the client prefers it
	 * or accepts none of them (RFC 9110: then answer without a content coding)
	 */
	public static String negotiate(String acceptEncoding, List<String> available) {
		Map<String, Double> weights = weights(acceptEncoding);
		@Nullable Double any = weights.get(ANY);
		String best = IDENTITY;
		double bestWeight = 0;
		for (String coding : available) {
			double weight = weights.getOrDefault(coding, (any != null) ? any : 0);
			if (weight > bestWeight) {
				best = coding;
				bestWeight = weight;
			}
		}
		// identity is acceptable by default (the answer when no coding is), but competes
		// with the codings only when weighted itself or through "*"; it comes last in the
		// gateway's preference, so it wins only with a higher weight
		double identity = weights.getOrDefault(IDENTITY, (any != null) ? any : 0);
		return (identity > bestWeight) ? IDENTITY : best;
	}

	/**
	 * Return the weight of each coding listed, lower case; a member that is no coding or
	 * whose weight is no qvalue is left out, and of a coding listed twice the higher
	 * weight counts.
	 */
	private static Map<String, Double> weights(String acceptEncoding) {
		Map<String, Double> weights = new HashMap<>();
		for (String member : acceptEncoding.split(",", -1)) {
			String[] parts = member.split(";", -1);
			String coding = parts[0].strip().toLowerCase(Locale.ROOT);
			if (!TOKEN.matcher(coding).matches()) {
				continue;
			}
			if (coding.equals("x-gzip")) {
				// RFC 9110 8.4.1.3: equivalent to gzip
				coding = "gzip";
			}
			Double weight = weight(parts);
			if (weight != null) {
				weights.merge(coding, weight, Math::max);
			}
		}
		return weights;
	}

	private static @Nullable Double weight(String[] parts) {
		double weight = 1;
		for (int i = 1; i < parts.length; i++) {
			String parameter = parts[i].strip();
			int equals = parameter.indexOf('=');
			String name = ((equals >= 0) ? parameter.substring(0, equals) : parameter).strip();
			if (!name.equalsIgnoreCase("q")) {
				continue;
			}
			String value = (equals >= 0) ? parameter.substring(equals + 1).strip() : "";
			if (!QVALUE.matcher(value).matches()) {
				return null;
			}
			weight = Double.parseDouble(value);
		}
		return weight;
	}

}
