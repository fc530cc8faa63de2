package io.github.bffsuite.edge.downstream.cache;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.downstream.EdgeDownstreamProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What a downstream response cache may keep, and for how long (RFC 9111 sections 3 and
 * 4.2), within the limits of its settings.
 */
final class StoragePolicy {

	private static final Set<String> UNSTORED_HEADERS = Set.of("connection", "keep-alive", "transfer-encoding",
			"proxy-connection", "upgrade", "te", "trailer", "set-cookie", "age");

	private final Duration maxTtl;

	private final Duration staleRetention;

	private final long maxEntrySize;

	StoragePolicy(EdgeDownstreamProperties.Cache properties) {
		this.maxTtl = properties.getMaxTtl();
		this.staleRetention = properties.getStaleRetention();
		this.maxEntrySize = properties.getMaxEntrySize().toBytes();
	}

	/**
	 * Return the headers of an answer that are kept with it: all but hop-by-hop ones,
	 * {@code Set-Cookie} and {@code Age}.
	 */
	static Map<String, List<String>> storedHeaders(HttpHeaders headers) {
		Map<String, List<String>> kept = new LinkedHashMap<>();
		headers.forEach((name, values) -> {
			if (!UNSTORED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
				kept.put(name, List.copyOf(values));
			}
		});
		return kept;
	}

	/**
	 * Whether an answer may be kept: a 200 the service allows a shared cache to keep (for
	 * the principal, when private), small enough, that sets no cookie and does not vary
	 * on everything. An answer to a call with credentials is kept only when the service
	 * says it is public (RFC 9111 section 3.5).
	 */
	boolean storable(int status, HttpHeaders response, CacheDirectives directives, VarySpec spec,
			@Nullable String principal, HttpHeaders request, int bodyLength) {
		return status == 200 && !directives.noStore() && directives.freshness(spec.perPrincipal()) != null
				&& !response.containsHeader(HttpHeaders.SET_COOKIE) && !spec.headers().contains("*")
				&& !(spec.perPrincipal() && principal == null) && !(request.containsHeader(HttpHeaders.AUTHORIZATION)
						&& !directives.isPublic() && directives.sMaxAge() == null)
				&& bodyLength <= this.maxEntrySize;
	}

	/**
	 * Return how long an answer stays fresh: its lifetime less its {@code Age}, at most
	 * {@code max-ttl}. No heuristic freshness: without a lifetime nothing is kept.
	 */
	Duration freshness(Duration lifetime, HttpHeaders headers) {
		Duration age = Duration.ZERO;
		String ageHeader = headers.getFirst("Age");
		if (ageHeader != null) {
			try {
				age = Duration.ofSeconds(Long.parseLong(ageHeader.trim()));
			}
			catch (NumberFormatException ex) {
				// an invalid Age is ignored (RFC 9111 section 5.1)
			}
		}
		Duration left = lifetime.minus(age);
		if (left.isNegative()) {
			return Duration.ZERO;
		}
		return (left.compareTo(this.maxTtl) > 0) ? this.maxTtl : left;
	}

	/**
	 * Return how long an entry is kept: while fresh, and as long again as
	 * {@code stale-retention} when it has an entity tag to be revalidated with.
	 */
	Duration retention(Duration freshness, @Nullable String etag) {
		return (etag != null) ? freshness.plus(this.staleRetention) : freshness;
	}

}
