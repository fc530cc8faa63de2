package io.github.bffsuite.partner.key;

import java.time.Instant;
import java.util.List;

import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An API key as its admins see it: masked, never the secret.
 *
 * @param id the key id
 * @param name the name its admin gave it
 * @param hint the masked key
 * @param status active, expired or revoked
 * @param plan the plan that selects its rate limits
 * @param scopes the scopes it grants
 * @param allowedIps the addresses or CIDR ranges it may be used from; any when empty
 * @param createdAt when it was made
 * @param lastUsedAt when it was last accepted (to about a minute), or {@code null}
 * @param expiresAt when it stops being accepted, or {@code null} for never
 * @param clientId the client the key authenticates, sent downstream as the client id and
 * counted by quotas: the id of the first key of its rotation chain, kept by its
 * successors
 */
public record ApiKeyView(@Schema(example = "k-3f9a1c2b7d4e8f60") String id, @Schema(example = "order sync") String name,
		@Schema(example = "bffk_test_acme_pVHR…fuyj") String hint, @Schema(allowableValues = {
				"active", "expired", "revoked" }) String status,
		String plan, List<String> scopes, List<String> allowedIps, @Nullable Instant createdAt,
		@Nullable Instant lastUsedAt, @Nullable Instant expiresAt,
		@Schema(example = "k-3f9a1c2b7d4e8f60") String clientId){

	static ApiKeyView of(ApiKeyRecord record, Instant now) {
		String status = record.revoked() ? "revoked" : record.isActive(now) ? "active" : "expired";
		return new ApiKeyView(record.id(), record.name(), record.hint(), status, record.plan(),
				record.scopes().stream().sorted().toList(), record.allowedIps(), record.createdAt(),
				record.lastUsedAt(), record.expiresAt(), record.clientId());
	}

}
