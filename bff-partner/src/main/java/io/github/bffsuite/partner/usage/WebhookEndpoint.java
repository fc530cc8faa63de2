package io.github.bffsuite.partner.usage;

import java.net.URI;
import java.util.List;

/**
 * A tenant's webhook: where its events go and every secret they are signed with.
 *
 * @param url the absolute http or https URL events are POSTed to
 * @param secrets the signing secrets, newest first: one, or two while a rotated secret
 * overlaps the one it replaces
 */
public record WebhookEndpoint(URI url, List<String> secrets) {

	public WebhookEndpoint {
		secrets = List.copyOf(secrets);
	}

}
