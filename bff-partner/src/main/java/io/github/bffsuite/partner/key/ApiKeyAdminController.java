package io.github.bffsuite.partner.key;

import io.github.bffsuite.edge.identity.EdgeAuthentication;
import io.github.bffsuite.partner.web.PartnerPage;
import io.github.bffsuite.partner.web.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Self-service API key administration for a partner's admins: client-credential tokens
 * with the admin scope, their own tenant's keys only.
 */
@RestController
@RequestMapping("/partner/admin/keys")
@Tag(name = "API keys", description = "Your tenant's API keys (client-credential token with scope keys:admin)")
@SecurityRequirement(name = "oauth2")
public class ApiKeyAdminController {

	private final ApiKeyAdministration keys;

	public ApiKeyAdminController(ApiKeyAdministration keys) {
		this.keys = keys;
	}

	@PostMapping
	@Operation(summary = "Make a key", description = "The answer holds the secret key: it is shown this once only.")
	@ProblemResponses(409)
	@ApiResponse(responseCode = "201", description = "Made; the only answer that holds the secret key",
			useReturnTypeSchema = true)
	public Mono<ResponseEntity<CreatedApiKey>> create(EdgeAuthentication admin,
			@RequestBody(required = false) ApiKeyRequests.@Nullable Create body) {
		ApiKeyRequests.Create request = (body != null) ? body : new ApiKeyRequests.Create(null, null, null, null);
		return this.keys.create(tenant(admin), request)
			.map((created) -> ResponseEntity.status(HttpStatus.CREATED).body(created));
	}

	@GetMapping
	@Operation(summary = "List the tenant's keys", description = "Masked: never the secret.")
	public Mono<PartnerPage<ApiKeyView>> list(EdgeAuthentication admin) {
		return this.keys.list(tenant(admin)).collectList().map((views) -> new PartnerPage<>(views, null));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Revoke a key", description = "Refused by every gateway instance within a second.")
	@ProblemResponses(404)
	public Mono<ApiKeyView> revoke(EdgeAuthentication admin,
			@Parameter(example = "k-3f9a1c2b7d4e8f60") @PathVariable String id) {
		return this.keys.revoke(tenant(admin), id);
	}

	@PostMapping("/{id}/rotate")
	@Operation(summary = "Rotate a key",
			description = "Makes a new key like the old one; the old one stays valid for the grace period.")
	@ProblemResponses({ 404, 409 })
	@ApiResponse(responseCode = "201",
			description = "The new key, with its secret; the old one is valid for " + "the grace period",
			useReturnTypeSchema = true)
	public Mono<ResponseEntity<CreatedApiKey>> rotate(EdgeAuthentication admin,
			@Parameter(example = "k-3f9a1c2b7d4e8f60") @PathVariable String id,
			@RequestBody(required = false) ApiKeyRequests.@Nullable Rotate body) {
		return this.keys.rotate(tenant(admin), id, (body != null) ? body : new ApiKeyRequests.Rotate(null))
			.map((created) -> ResponseEntity.status(HttpStatus.CREATED).body(created));
	}

	private String tenant(EdgeAuthentication admin) {
		return this.keys.adminTenant(admin.getPrincipal());
	}

}
