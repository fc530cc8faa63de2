package io.github.bffsuite.partner.usage;

import java.time.Instant;

/**
 * A quota event POSTed to a partner's webhook.
 *
 * @param id the event id, the same on every delivery attempt
 * @param type {@code quota.threshold_reached}
 * @param occurredAt when the threshold was crossed
 * @param tenant the partner's tenant
 * @param clientId the API key id or OAuth2 client id that crossed it
 * @param plan the plan
 * @param policy the rate limit policy
 * @param threshold the percentage of the quota crossed, such as 80 or 100
 * @param limit the quota
 * @param used what was used of it in the window
 * @param remaining what is left
 * @param resetAt when the window ends
 */
public record QuotaEvent(String id, String type, Instant occurredAt, String tenant, String clientId, String plan,
		String policy, int threshold, long limit, long used, long remaining, Instant resetAt) {

	/** Type of the event sent when a quota threshold is crossed. */
	public static final String THRESHOLD_REACHED = "quota.threshold_reached";

}
