package io.github.bffsuite.identity.verifier;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The claims of a signed identity that passed verification.
 *
 * @param issuer the gateway that signed it ({@code iss})
 * @param subject the user id, or the client id of a machine caller ({@code sub})
 * @param userId the user id, absent for a machine caller
 * @param tenantId the tenant ({@code tenant})
 * @param scopes the scopes ({@code scope})
 * @param clientId the OAuth2 client or API key id ({@code client_id})
 * @param plan the partner plan ({@code plan})
 * @param requestId the request id at the gateway ({@code rid})
 * @param issuedAt when it was signed ({@code iat})
 * @param expiresAt when it expires ({@code exp})
 */
public record VerifiedIdentity(String issuer, String subject, @Nullable String userId, @Nullable String tenantId,
		List<String> scopes, @Nullable String clientId, @Nullable String plan, @Nullable String requestId,
		Instant issuedAt, Instant expiresAt) {

	/**
	 * Request or exchange attribute holding the {@link VerifiedIdentity} of a request.
	 */
	public static final String ATTRIBUTE = VerifiedIdentity.class.getName();

}
