package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Cache-Control} directives of a response that a shared cache acts on (RFC
 * 9111 section 5.2.2).
 * <p>
 * Written by hand: Spring's {@code CacheControl} only builds the header and offers no
 * parser, and neither Caffeine nor Redis know HTTP.
 *
 * @param noStore whether {@code no-store} was given
 * @param noCache whether {@code no-cache} was given, so each use must be revalidated
 * @param isPrivate whether {@code private} was given, so the answer belongs to one user
 * @param isPublic whether {@code public} was given
 * @param maxAge the {@code max-age}, if any
 * @param sMaxAge the {@code s-maxage}, if any
 */
record CacheDirectives(boolean noStore, boolean noCache, boolean isPrivate, boolean isPublic, @Nullable Duration maxAge,
		@Nullable Duration sMaxAge) {

	static final CacheDirectives NONE = new CacheDirectives(false, false, false, false, null, null);

	/**
	 * Parse the {@code Cache-Control} header values of a response.
	 * @param values the header values, possibly empty
	 * @return the directives
	 */
	static CacheDirectives parse(List<String> values) {
		boolean noStore = false;
		boolean noCache = false;
		boolean isPrivate = false;
		boolean isPublic = false;
		Duration maxAge = null;
		Duration sMaxAge = null;
		for (String value : values) {
			for (String directive : value.split(",")) {
				String trimmed = directive.trim();
				int equals = trimmed.indexOf('=');
				String name = ((equals != -1) ? trimmed.substring(0, equals) : trimmed).trim().toLowerCase(Locale.ROOT);
				String argument = (equals != -1) ? trimmed.substring(equals + 1).trim().replace("\"", "") : null;
				switch (name) {
					case "no-store" -> noStore = true;
					// the qualified forms (no-cache="Set-Cookie") are treated as the
					// unqualified ones: stricter, never wrong
					case "no-cache" -> noCache = true;
					case "private" -> isPrivate = true;
					case "public" -> isPublic = true;
					case "max-age" -> maxAge = seconds(argument, maxAge);
					case "s-maxage" -> sMaxAge = seconds(argument, sMaxAge);
					default -> {
					}
				}
			}
		}
		return new CacheDirectives(noStore, noCache, isPrivate, isPublic, maxAge, sMaxAge);
	}

	private static @Nullable Duration seconds(@Nullable String argument, @Nullable Duration previous) {
		if (argument == null) {
			return previous;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(argument)));
		}
		catch (NumberFormatException ex) {
			// an invalid max-age means stale (RFC 9111 section 4.2.1)
			return Duration.ZERO;
		}
	}

	/**
	 * Return how long the answer is fresh for a cache, before its age is taken off.
	 * @param perPrincipal whether the entry belongs to one principal, which makes the
	 * cache a private one for it and {@code s-maxage} irrelevant
	 * @return the freshness lifetime, or {@code null} when the service gave none
	 */
	@Nullable Duration freshness(boolean perPrincipal) {
		if (this.noCache) {
			return Duration.ZERO;
		}
		if (!perPrincipal && this.sMaxAge != null) {
			return this.sMaxAge;
		}
		return this.maxAge;
	}

}
