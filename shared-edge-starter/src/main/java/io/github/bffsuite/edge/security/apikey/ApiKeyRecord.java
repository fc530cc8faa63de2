package io.github.bffsuite.edge.security.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What a store knows of an API key: never the key itself, only its hash and a masked
 * hint.
 *
 * @param id the key id, safe to log and to send downstream as the client id
 * @param hash the hex hash of the key
 * @param tenant the tenant the key belongs to
 * @param plan the partner plan
 * @param scopes the scopes the key grants
 * @param expiresAt when the key stops being accepted, or {@code null} for never
 * @param revoked whether the key was revoked
 * @param name a name its owner gave it
 * @param hint the masked key, such as {@code bffk_live_acme_4Qm8…x7Qa}
 * @param createdAt when it was made, or {@code null} when unknown
 * @param lastUsedAt when it was last accepted (recorded at most about once a minute), or
 * {@code null}
 * @param allowedIps addresses or CIDR ranges the key may be used from; any when empty
 * @param clientId the client the key authenticates, which quotas count against and which
 * services see as the client id: the id of the first key of its rotation chain, so that a
 * key and its successors share one identity and one set of counters, as an OAuth2
 * client's id outlives the rotation of its secret
 */
public record ApiKeyRecord(String id, String hash, String tenant, String plan, Set<String> scopes,
		@Nullable Instant expiresAt, boolean revoked, String name, String hint, @Nullable Instant createdAt,
		@Nullable Instant lastUsedAt, List<String> allowedIps, String clientId) {

	public ApiKeyRecord {
		scopes = Set.copyOf(scopes);
		allowedIps = List.copyOf(allowedIps);
	}

	/**
	 * A record of a key that starts its own rotation chain: its client id is its id.
	 * @param id the key id
	 * @param hash the hex hash
	 * @param tenant the tenant
	 * @param plan the plan
	 * @param scopes the scopes
	 * @param expiresAt the expiry, or {@code null}
	 * @param revoked whether it is revoked
	 * @param name the name its owner gave it
	 * @param hint the masked key
	 * @param createdAt when it was made, or {@code null}
	 * @param lastUsedAt when it was last accepted, or {@code null}
	 * @param allowedIps the address allowlist; any when empty
	 */
	public ApiKeyRecord(String id, String hash, String tenant, String plan, Set<String> scopes,
			@Nullable Instant expiresAt, boolean revoked, String name, String hint, @Nullable Instant createdAt,
			@Nullable Instant lastUsedAt, List<String> allowedIps) {
		this(id, hash, tenant, plan, scopes, expiresAt, revoked, name, hint, createdAt, lastUsedAt, allowedIps, id);
	}

	/**
	 * A record with no name, hint, dates or IP allowlist.
	 * @param id the key id
	 * @param hash the hex hash
	 * @param tenant the tenant
	 * @param plan the plan
	 * @param scopes the scopes
	 * @param expiresAt the expiry, or {@code null}
	 * @param revoked whether it is revoked
	 */
	public ApiKeyRecord(String id, String hash, String tenant, String plan, Set<String> scopes,
			@Nullable Instant expiresAt, boolean revoked) {
		this(id, hash, tenant, plan, scopes, expiresAt, revoked, id, "", null, null, List.of());
	}

	/**
	 * Return a copy of this record marked revoked.
	 * @return the revoked record
	 */
	public ApiKeyRecord revoke() {
		return new ApiKeyRecord(this.id, this.hash, this.tenant, this.plan, this.scopes, this.expiresAt, true,
				this.name, this.hint, this.createdAt, this.lastUsedAt, this.allowedIps, this.clientId);
	}

	/**
	 * Return a copy of this record with another expiry.
	 * @param expiresAt the expiry, or {@code null} for never
	 * @return the record
	 */
	public ApiKeyRecord withExpiresAt(@Nullable Instant expiresAt) {
		return new ApiKeyRecord(this.id, this.hash, this.tenant, this.plan, this.scopes, expiresAt, this.revoked,
				this.name, this.hint, this.createdAt, this.lastUsedAt, this.allowedIps, this.clientId);
	}

	/**
	 * Return a copy of this record last used at an instant.
	 * @param lastUsedAt when it was used
	 * @return the record
	 */
	public ApiKeyRecord withLastUsedAt(Instant lastUsedAt) {
		return new ApiKeyRecord(this.id, this.hash, this.tenant, this.plan, this.scopes, this.expiresAt, this.revoked,
				this.name, this.hint, this.createdAt, lastUsedAt, this.allowedIps, this.clientId);
	}

	/**
	 * Whether the key is accepted at an instant: not revoked, not expired.
	 * @param now the instant
	 * @return whether it is active
	 */
	public boolean isActive(Instant now) {
		return !this.revoked && (this.expiresAt == null || this.expiresAt.isAfter(now));
	}

}
