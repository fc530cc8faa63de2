package io.github.bffsuite.partner.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * What a webhook's receiver answered to a signed test event.
 *
 * @param eventId the id of the test event, sent as X-Event-Id
 * @param url where it was POSTed
 * @param delivered whether the receiver answered with a 2xx status
 * @param status the receiver's HTTP status, or {@code null} when it did not answer
 * @param durationMillis how long the receiver took to answer, or to fail
 * @param bodyExcerpt the start of the receiver's answer, bounded, or {@code null}
 * @param error why there is no answer (connection refused, timeout), or {@code null}
 */
public record WebhookTestResult(@Schema(example = "5b0c9e1e-2a8f-4b7e-9d0c-7a1e3f4b6c2d") String eventId,
		@Schema(example = "https://partner.example/hooks/bff") String url, boolean delivered,
		@Schema(example = "204") @Nullable Integer status, @Schema(example = "42") long durationMillis,
		@Nullable String bodyExcerpt, @Nullable String error) {

}
