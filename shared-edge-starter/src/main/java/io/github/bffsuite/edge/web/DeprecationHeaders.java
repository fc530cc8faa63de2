package io.github.bffsuite.edge.web;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Writes the headers that announce the deprecation of a resource: {@code Deprecation} as
 * an RFC 9745 structured-field date ({@code @<epoch seconds>}), {@code Sunset} as an RFC
 * 8594 HTTP-date (RFC 9110 IMF-fixdate) and {@code Link}s with the relations
 * {@code deprecation}, {@code sunset} and {@code successor-version}. Immutable and free
 * of Spring beans, so that a web filter, a controller or an
 * {@code ApiVersionDeprecationHandler} can all use it. (Spring Framework 7's
 * {@code StandardApiVersionDeprecationHandler} formats {@code Sunset} with
 * {@code RFC_1123_DATE_TIME}, whose day has one digit, and has no successor link.)
 */
public final class DeprecationHeaders {

	/** RFC 9745 response header. */
	public static final String DEPRECATION = "Deprecation";

	/** RFC 8594 response header. */
	public static final String SUNSET = "Sunset";

	// RFC 9110 IMF-fixdate: two-digit day, always GMT (RFC_1123_DATE_TIME allows one
	// digit)
	private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final String deprecation;

	private final @Nullable String sunset;

	private final List<String> links;

	private DeprecationHeaders(String deprecation, @Nullable String sunset, List<String> links) {
		this.deprecation = deprecation;
		this.sunset = sunset;
		this.links = links;
	}

	/**
	 * Return the headers of a resource deprecated at an instant.
	 * @param deprecatedAt when the resource is or was deprecated
	 * @return the headers, without {@code Sunset} or {@code Link}s yet
	 */
	public static DeprecationHeaders deprecatedAt(Instant deprecatedAt) {
		return new DeprecationHeaders(deprecation(deprecatedAt), null, List.of());
	}

	/**
	 * Return a copy that also announces when the resource stops answering.
	 * @param sunsetAt the sunset, or {@code null} for none
	 * @return the headers
	 */
	public DeprecationHeaders sunsetAt(@Nullable Instant sunsetAt) {
		return new DeprecationHeaders(this.deprecation, (sunsetAt != null) ? sunset(sunsetAt) : null, this.links);
	}

	/**
	 * Return a copy with one more {@code Link}, after the ones already there.
	 * @param target the link target, or {@code null} for no link
	 * @param rel the relation, such as {@code deprecation}, {@code sunset} or
	 * {@code successor-version}
	 * @param type the media type of the target, or {@code null} to leave it out
	 * @return the headers
	 */
	public DeprecationHeaders link(@Nullable URI target, String rel, @Nullable String type) {
		if (target == null) {
			return this;
		}
		List<String> links = new ArrayList<>(this.links);
		links.add(linkValue(target, rel, type));
		return new DeprecationHeaders(this.deprecation, this.sunset, List.copyOf(links));
	}

	/**
	 * Set {@code Deprecation} and {@code Sunset} (replacing any value) and add the
	 * {@code Link}s (keeping the links already there).
	 * @param headers the response headers
	 */
	public void writeTo(HttpHeaders headers) {
		headers.set(DEPRECATION, this.deprecation);
		if (this.sunset != null) {
			headers.set(SUNSET, this.sunset);
		}
		this.links.forEach((link) -> headers.add(HttpHeaders.LINK, link));
	}

	/**
	 * Format an instant as the value of RFC 9745 {@code Deprecation}: an RFC 9651
	 * structured-field date, {@code @} and whole seconds since the epoch.
	 * @param deprecatedAt the instant
	 * @return the value, such as {@code @1788220800}
	 */
	public static String deprecation(Instant deprecatedAt) {
		return "@" + deprecatedAt.getEpochSecond();
	}

	/**
	 * Format an instant as the value of RFC 8594 {@code Sunset}: an RFC 9110 IMF-fixdate.
	 * @param sunsetAt the instant
	 * @return the value, such as {@code Mon, 01 Mar 2027 00:00:00 GMT}
	 */
	public static String sunset(Instant sunsetAt) {
		return IMF_FIXDATE.format(sunsetAt);
	}

	/**
	 * Format one RFC 8288 {@code Link} value.
	 * @param target the link target
	 * @param rel the relation
	 * @param type the media type of the target, or {@code null} to leave it out
	 * @return the value, such as {@code <https://example.com/v1>; rel="deprecation"}
	 */
	public static String linkValue(URI target, String rel, @Nullable String type) {
		return "<" + target.toASCIIString() + ">; rel=\"" + rel + "\""
				+ ((type != null) ? "; type=\"" + type + "\"" : "");
	}

}
