package io.github.bffsuite.edge.security.apikey;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a store knows of an API key: never the key itself, only its hash.
 *
 * @param id the key id, safe to log and to send downstream as the client id
 * @param hash the hex hash of the key
 * @param tenant the tenant the key belongs to
 * @param plan the partner plan
 * @param scopes the scopes the key grants
 * @param expiresAt when the key stops being accepted, or {@code null} for never
 * @param revoked whether the key was revoked
 */
public record ApiKeyRecord(String id, String hash, String tenant, String plan, Set<String> scopes,
		@Nullable Instant expiresAt, boolean revoked) {

	/**
	 * Return a copy of this record marked revoked.
	 * @return the revoked record
	 */
	public ApiKeyRecord revoke() {
		return new ApiKeyRecord(this.id, this.hash, this.tenant, this.plan, this.scopes, this.expiresAt, true);
	}

}
