package io.github.bffsuite.partner.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.partner.config.PartnerProperties;
import io.github.bffsuite.partner.usage.WebhookEndpoints;
import io.github.bffsuite.partner.web.Violations;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;

/**
 * The webhook administration use cases for a tenant's admin: read the webhook (hints of
 * its secrets only), set or replace its URL, delete it, rotate its secret with an overlap
 * and send it a signed test event. Everything is scoped to the admin's tenant.
 */
public class WebhookAdministration {

	private final WebhookStore store;

	private final WebhookEndpoints endpoints;

	private final WebhookEndpoints configured;

	private final WebhookTester tester;

	private final WebhookUrlPolicy urls;

	private final WebhookProperties properties;

	private final PartnerProperties partner;

	private final Clock clock;

	/**
	 * Create the use cases.
	 * @param store the webhooks set through the API
	 * @param endpoints where each tenant's events go now
	 * @param configured the configured webhooks
	 * @param tester the sender of test events
	 * @param properties the webhook settings
	 * @param partner the partner settings (the admin scope)
	 * @param clock the clock
	 */
	public WebhookAdministration(WebhookStore store, WebhookEndpoints endpoints, WebhookEndpoints configured,
			WebhookTester tester, WebhookProperties properties, PartnerProperties partner, Clock clock) {
		this.store = store;
		this.endpoints = endpoints;
		this.configured = configured;
		this.tester = tester;
		this.urls = new WebhookUrlPolicy(properties.isAllowLoopback());
		this.properties = properties;
		this.partner = partner;
		this.clock = clock;
	}

	/**
	 * Return the tenant whose webhook a caller administers: a client-credential token of
	 * the tenant with the admin scope, the same that administers its API keys.
	 * @param admin the caller
	 * @return the tenant
	 */
	public String adminTenant(EdgePrincipal admin) {
		String scope = this.partner.getKeys().getAdminScope();
		if (admin.kind() != EdgePrincipal.Kind.CLIENT || admin.tenantId() == null || !admin.scopes().contains(scope)) {
			throw EdgeProblems.exception(HttpStatus.FORBIDDEN, "access-denied",
					"The webhook is administered with a client-credential token of the tenant with scope " + scope);
		}
		return admin.tenantId();
	}

	/**
	 * Read a tenant's webhook: the one set through the API, else the configured one.
	 * @param tenant the admin's tenant
	 * @return the webhook, or a 404 problem
	 */
	public Mono<WebhookView> get(String tenant) {
		return this.store.find(tenant)
			.map((webhook) -> WebhookView.of(webhook, now()))
			.switchIfEmpty(Mono.defer(() -> this.configured.find(tenant)
				.map((endpoint) -> new WebhookView(endpoint.url().toString(), "configuration",
						WebhookView.hint(endpoint.secrets().get(0)), null, null, null, null))))
			.switchIfEmpty(Mono.error(() -> notFound(tenant)));
	}

	/**
	 * Set or replace the URL of a tenant's webhook. A webhook set for the first time gets
	 * a new secret, returned this once; a replaced URL keeps the secret.
	 * @param tenant the admin's tenant
	 * @param request the URL
	 * @return the webhook, with the secret when one was made
	 */
	public Mono<WebhookChange> setUrl(String tenant, WebhookRequests.SetUrl request) {
		URI url = this.urls.check(request.url());
		String secret = WebhookSecrets.generate();
		Instant now = now();
		return this.store.setUrl(tenant, url, secret, now)
			.map((webhook) -> new WebhookChange(secret.equals(webhook.secret()) ? secret : null,
					WebhookView.of(webhook, now)));
	}

	/**
	 * Delete the webhook set through the API; the configured one, if any, applies again.
	 * @param tenant the admin's tenant
	 * @return empty, or a 404 problem
	 */
	public Mono<Void> delete(String tenant) {
		return this.store.delete(tenant)
			.flatMap((deleted) -> deleted ? Mono.<Void>empty() : Mono.error(notSetThroughApi(tenant)));
	}

	/**
	 * Replace the secret of a tenant's webhook. The replaced secret keeps signing for the
	 * overlap, so events carry both signatures until the receiver has the new one.
	 * @param tenant the admin's tenant
	 * @param request the overlap
	 * @return the webhook with its new secret, shown this once
	 */
	public Mono<WebhookChange> rotate(String tenant, WebhookRequests.Rotate request) {
		Duration overlap = (request.overlap() != null) ? request.overlap() : this.properties.getDefaultSecretOverlap();
		Duration max = this.properties.getMaxSecretOverlap();
		new Violations()
			.require(!overlap.isNegative() && overlap.compareTo(max) <= 0, "overlap", "must be from PT0S to " + max)
			.throwIfAny();
		String secret = WebhookSecrets.generate();
		Instant now = now();
		return this.store.rotate(tenant, secret, overlap.isZero() ? null : now.plus(overlap), now)
			.switchIfEmpty(Mono.error(() -> notSetThroughApi(tenant)))
			.map((webhook) -> new WebhookChange(secret, WebhookView.of(webhook, now)));
	}

	/**
	 * Send a signed test event to the tenant's webhook (set through the API, else
	 * configured).
	 * @param tenant the admin's tenant
	 * @return what the receiver answered, or a 404 problem
	 */
	public Mono<WebhookTestResult> test(String tenant) {
		return this.endpoints.find(tenant)
			.switchIfEmpty(Mono.error(() -> notFound(tenant)))
			.flatMap((endpoint) -> this.tester.send(tenant, endpoint));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private static RuntimeException notFound(String tenant) {
		return EdgeProblems.exception(HttpStatus.NOT_FOUND, "not-found",
				"Tenant " + tenant + " has no webhook; PUT /partner/admin/webhook sets one");
	}

	private static RuntimeException notSetThroughApi(String tenant) {
		return EdgeProblems.exception(HttpStatus.NOT_FOUND, "not-found", "Tenant " + tenant
				+ " has no webhook set through this API (a configured one is changed in the gateway's configuration)");
	}

}
