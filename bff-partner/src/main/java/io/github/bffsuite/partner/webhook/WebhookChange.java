package io.github.bffsuite.partner.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a change of a webhook: the webhook as listed and, when the change made a
 * secret, that secret, shown this once.
 *
 * @param secret the new signing secret when the webhook was made or its secret rotated;
 * absent otherwise
 * @param webhook the webhook as listed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookChange(
		@Schema(description = "The new signing secret, only when one was made. Shown exactly " + "once: store it now.",
				example = "whsec_Jb8m1RzH0mXo2f4y7Pq9VtWc3KsLd6Ae5Nu0Gi2x3Fq") @Nullable String secret,
		WebhookView webhook) {

}
