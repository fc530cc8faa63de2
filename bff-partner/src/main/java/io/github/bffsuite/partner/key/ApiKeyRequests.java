package io.github.bffsuite.partner.key;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Bodies of the key administration requests.
 */
public final class ApiKeyRequests {

	private ApiKeyRequests() {
	}

	/**
	 * Body of a create request.
	 *
	 * @param name a name for the key, 1 to 64 characters
	 * @param scopes the scopes it grants, among the grantable ones
	 * @param expiresAt when it stops being accepted, in the future; never when absent
	 * @param allowedIps addresses or CIDR ranges it may be used from; any when absent
	 */
	@Schema(example = "{\"name\":\"order sync\",\"scopes\":[\"orders:read\",\"products:read\"],"
			+ "\"expiresAt\":\"2027-01-01T00:00:00Z\",\"allowedIps\":[\"203.0.113.0/24\"]}")
	public record Create(@Nullable String name, @Nullable List<@Nullable String> scopes, @Nullable Instant expiresAt,
			@Nullable List<@Nullable String> allowedIps) {

	}

	/**
	 * Body of a rotate request.
	 *
	 * @param gracePeriod how long the old key stays valid, ISO 8601 such as PT1H; at once
	 * when absent
	 */
	@Schema(example = "{\"gracePeriod\":\"PT24H\"}")
	public record Rotate(@Schema(type = "string", example = "PT24H") @Nullable Duration gracePeriod) {

	}

}
