package io.github.bffsuite.partner.webhook;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service webhook administration for a partner's admins: client-credential tokens
 * with the admin scope, their own tenant's webhook only.
 */
@RestController
@RequestMapping("/partner/admin/webhook")
@Tag(name = "Webhook",
		description = "Your tenant's quota event webhook (client-credential token with scope " + "keys:admin)")
@SecurityRequirement(name = "oauth2")
public class WebhookAdminController {

	private final WebhookAdministration webhooks;

	public WebhookAdminController(WebhookAdministration webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping
	@Operation(summary = "Read the webhook",
			description = "The one set through this API, else the gateway's configured one; hints of the secrets "
					+ "only, never a secret.")
	@ProblemResponses(404)
	public Mono<WebhookView> get(EdgeAuthentication admin) {
		return this.webhooks.get(tenant(admin));
	}

	@PutMapping
	@Operation(summary = "Set or replace the webhook's URL",
			description = "An absolute http or https URL; link-local and cloud metadata addresses are refused "
					+ "(type invalid-webhook-url). The first time, a signing secret is made and returned once; "
					+ "replacing the URL keeps the secret. Takes precedence over the configured webhook.")
	@ApiResponse(responseCode = "201", description = "Set for the first time; the only answer that holds the secret",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "200", description = "URL replaced; the secret is unchanged and not returned",
			useReturnTypeSchema = true)
	public Mono<ResponseEntity<WebhookChange>> setUrl(EdgeAuthentication admin,
			@RequestBody(required = false) WebhookRequests.@Nullable SetUrl body) {
		WebhookRequests.SetUrl request = (body != null) ? body : new WebhookRequests.SetUrl(null);
		return this.webhooks.setUrl(tenant(admin), request)
			.map((change) -> ResponseEntity.status((change.secret() != null) ? HttpStatus.CREATED : HttpStatus.OK)
				.body(change));
	}

	@DeleteMapping
	@Operation(summary = "Delete the webhook",
			description = "Deletes the webhook set through this API; the configured one, if any, applies again.")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ProblemResponses(404)
	public Mono<ResponseEntity<Void>> delete(EdgeAuthentication admin) {
		return this.webhooks.delete(tenant(admin)).thenReturn(ResponseEntity.noContent().<Void>build());
	}

	@PostMapping("/rotate")
	@Operation(summary = "Rotate the signing secret",
			description = "Makes a new secret, returned once. During the overlap every event is signed with both: "
					+ "X-Signature: sha256=<new>, sha256=<old>.")
	@ProblemResponses(404)
	public Mono<WebhookChange> rotate(EdgeAuthentication admin,
			@RequestBody(required = false) WebhookRequests.@Nullable Rotate body) {
		return this.webhooks.rotate(tenant(admin), (body != null) ? body : new WebhookRequests.Rotate(null));
	}

	@PostMapping("/test")
	@Operation(summary = "Send a signed test event",
			description = "POSTs a webhook.test event, signed like quota events, and answers the receiver's "
					+ "status, its time and a short excerpt of its answer. Not retried; redirects are not followed.")
	@ProblemResponses(404)
	public Mono<WebhookTestResult> test(EdgeAuthentication admin) {
		return this.webhooks.test(tenant(admin));
	}

	private String tenant(EdgeAuthentication admin) {
		return this.webhooks.adminTenant(admin.getPrincipal());
	}

}
