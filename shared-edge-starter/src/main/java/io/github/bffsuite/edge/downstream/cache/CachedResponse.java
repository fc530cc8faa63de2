package io.github.bffsuite.edge.downstream.cache;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * A downstream answer as a response cache keeps it.
 *
 * @param status the HTTP status
 * @param headers the response headers, hop-by-hop headers left out
 * @param body the body
 * @param storedAt when the answer was received or last revalidated, in epoch millis
 * @param freshUntil until when it may be served without asking the service, in epoch
 * millis
 * @param etag the entity tag to revalidate it with, if the service gave one
 */
public record CachedResponse(int status, Map<String, List<String>> headers, byte[] body, long storedAt, long freshUntil,
		@Nullable String etag) {

	/**
	 * Whether the answer may be served without asking the service.
	 * @param now the current time in epoch millis
	 * @return whether it is fresh
	 */
	public boolean isFresh(long now) {
		return now < this.freshUntil;
	}

	/**
	 * Return the answer revalidated by a {@code 304 Not Modified}: fresh again, with the
	 * validators and caching headers of the 304.
	 * @param now the current time in epoch millis
	 * @param freshUntil the new end of freshness
	 * @param updated the headers of the 304 that replace stored ones
	 * @return the refreshed answer
	 */
	CachedResponse revalidated(long now, long freshUntil, Map<String, List<String>> updated) {
		// header names as each side spelled them: replace whatever the case
		Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
		headers.putAll(this.headers);
		updated.forEach(headers::put);
		String etag = (updated.containsKey("ETag") && !updated.get("ETag").isEmpty()) ? updated.get("ETag").get(0)
				: this.etag;
		return new CachedResponse(this.status, headers, this.body, now, freshUntil, etag);
	}

}
