package io.github.bffsuite.partner.webhook;

import java.time.Duration;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Bodies of the webhook administration requests.
 */
public final class WebhookRequests {

	private WebhookRequests() {
	}

	/**
	 * Body of a request that sets the webhook's URL.
	 *
	 * @param url an absolute http or https URL
	 */
	@Schema(name = "SetWebhookUrl", example = "{\"url\":\"https://partner.example/hooks/bff\"}")
	public record SetUrl(@Schema(example = "https://partner.example/hooks/bff") @Nullable String url) {

	}

	/**
	 * Body of a rotate request.
	 *
	 * @param overlap how long the replaced secret keeps signing, ISO 8601 such as PT24H;
	 * the configured default when absent, PT0S to stop it at once
	 */
	@Schema(name = "RotateWebhookSecret", example = "{\"overlap\":\"PT24H\"}")
	public record Rotate(@Schema(type = "string", example = "PT24H") @Nullable Duration overlap) {

	}

}
