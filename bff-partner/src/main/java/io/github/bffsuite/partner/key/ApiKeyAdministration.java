package io.github.bffsuite.partner.key;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import io.github.bffsuite.edge.security.apikey.ApiKeyFormat;
import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.partner.config.PartnerProperties;
import io.github.bffsuite.partner.web.Violations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The key administration use cases for a tenant's admin: make a key (its secret returned
 * once, only its keyed hash stored), list, revoke, and rotate with a grace period.
 * Everything is scoped to the admin's tenant: a key of another tenant is never found.
 */
public class ApiKeyAdministration {

	private static final SecureRandom random = new SecureRandom();

	private final ApiKeyStore store;

	private final ApiKeyHasher hasher;

	private final PartnerProperties properties;

	private final Clock clock;

	public ApiKeyAdministration(ApiKeyStore store, ApiKeyHasher hasher, PartnerProperties properties, Clock clock) {
		this.store = store;
		this.hasher = hasher;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Return the tenant whose keys a caller administers: a client-credential token of the
	 * tenant with the admin scope. An API key never administers keys, even one granted
	 * the scope by configuration.
	 * @param admin the caller
	 * @return the tenant
	 */
	public String adminTenant(EdgePrincipal admin) {
		if (admin.kind() != EdgePrincipal.Kind.CLIENT || admin.tenantId() == null
				|| !admin.scopes().contains(this.properties.getKeys().getAdminScope())) {
			throw EdgeProblems.exception(HttpStatus.FORBIDDEN, "access-denied",
					"Keys are administered with a client-credential token of the tenant with scope "
							+ this.properties.getKeys().getAdminScope());
		}
		return admin.tenantId();
	}

	/**
	 * Make a key for a tenant.
	 * @param tenant the admin's tenant
	 * @param request what the key is for
	 * @return the key with its secret
	 */
	public Mono<CreatedApiKey> create(String tenant, ApiKeyRequests.Create request) {
		Instant now = now();
		Violations violations = new Violations();
		String name = (request.name() != null) ? request.name().strip() : "";
		violations.require(!name.isEmpty() && name.length() <= 64, "name", "must be 1 to 64 characters");
		Set<String> scopes = scopes(request.scopes(), violations);
		List<String> allowedIps = allowedIps(request.allowedIps(), violations);
		violations.require(request.expiresAt() == null || request.expiresAt().isAfter(now), "expiresAt",
				"must be in the future");
		violations.throwIfAny();
		return clients(tenant).flatMap((count) -> {
			int max = this.properties.getKeys().getMaxPerTenant();
			if (count >= max) {
				return Mono.error(EdgeProblems.exception(HttpStatus.CONFLICT, "key-limit-reached",
						"Tenant " + tenant + " already has " + count + " of its " + max
								+ " active keys; revoke one before making another (a key in its rotation grace "
								+ "period counts with its successor as one)"));
			}
			return issue(tenant, name, plan(tenant), scopes, allowedIps, request.expiresAt(), null, now);
		});
	}

	/**
	 * List a tenant's keys, masked.
	 * @param tenant the admin's tenant
	 * @return the keys
	 */
	public Flux<ApiKeyView> list(String tenant) {
		Instant now = now();
		return this.store.findByTenant(tenant).map((record) -> ApiKeyView.of(record, now));
	}

	/**
	 * Revoke a key of a tenant.
	 * @param tenant the admin's tenant
	 * @param id the key id
	 * @return the revoked key, or a 404 problem
	 */
	public Mono<ApiKeyView> revoke(String tenant, String id) {
		return find(tenant, id)
			.flatMap((record) -> this.store.revoke(record.hash()).thenReturn(ApiKeyView.of(record.revoke(), now())));
	}

	/**
	 * Replace a key by a new one with the same name, plan, scopes, allowlist and expiry,
	 * keeping the old one valid for a grace period.
	 * @param tenant the admin's tenant
	 * @param id the key id
	 * @param request the grace period
	 * @return the new key with its secret
	 */
	public Mono<CreatedApiKey> rotate(String tenant, String id, ApiKeyRequests.Rotate request) {
		Duration grace = (request.gracePeriod() != null) ? request.gracePeriod() : Duration.ZERO;
		Duration max = this.properties.getKeys().getMaxGracePeriod();
		new Violations()
			.require(!grace.isNegative() && grace.compareTo(max) <= 0, "gracePeriod", "must be from PT0S to " + max)
			.throwIfAny();
		Instant now = now();
		return find(tenant, id).flatMap((old) -> {
			if (!old.isActive(now)) {
				return Mono.error(EdgeProblems.exception(HttpStatus.CONFLICT, "key-not-active",
						"Key " + id + " is revoked or expired and cannot be rotated"));
			}
			Instant oldExpiry = now.plus(grace);
			if (old.expiresAt() != null && old.expiresAt().isBefore(oldExpiry)) {
				oldExpiry = old.expiresAt();
			}
			ApiKeyRecord retiring = old.withExpiresAt(oldExpiry);
			// a chain keeps one key in grace at most: rotating again ends the grace of
			// the key before, so that rotations never add keys to a tenant
			Flux<ApiKeyRecord> endedGraces = active(tenant).filter((record) -> !record.id().equals(old.id())
					&& record.clientId().equals(old.clientId()) && record.expiresAt() != null);
			return issue(tenant, old.name(), old.plan(), old.scopes(), old.allowedIps(), old.expiresAt(),
					old.clientId(), now)
				.flatMap((created) -> this.store.save(retiring)
					.thenMany(endedGraces.concatMap((record) -> this.store.save(record.withExpiresAt(now))))
					.then(Mono.just(created)));
		});
	}

	private Mono<CreatedApiKey> issue(String tenant, String name, String plan, Set<String> scopes,
			List<String> allowedIps, @Nullable Instant expiresAt, @Nullable String clientId, Instant now) {
		String key = ApiKeyFormat.generate(this.properties.getKeys().getEnvironment(), tenant);
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		String id = "k-" + HexFormat.of().formatHex(bytes);
		ApiKeyRecord record = new ApiKeyRecord(id, this.hasher.hash(key), tenant, plan, scopes, expiresAt, false, name,
				ApiKeyFormat.hint(key), now, null, allowedIps, (clientId != null) ? clientId : id);
		return this.store.save(record).thenReturn(new CreatedApiKey(key, ApiKeyView.of(record, now)));
	}

	private Mono<ApiKeyRecord> find(String tenant, String id) {
		return this.store.findByTenant(tenant)
			.filter((record) -> record.id().equals(id))
			.next()
			.switchIfEmpty(Mono
				.error(() -> EdgeProblems.exception(HttpStatus.NOT_FOUND, "not-found", "Key " + id + " not found")));
	}

	/**
	 * Count the clients a tenant's active keys authenticate: a key and its successor in
	 * its rotation grace period are one.
	 */
	private Mono<Long> clients(String tenant) {
		return active(tenant).map(ApiKeyRecord::clientId).distinct().count();
	}

	private Flux<ApiKeyRecord> active(String tenant) {
		Instant now = now();
		return this.store.findByTenant(tenant).filter((record) -> record.isActive(now));
	}

	private String plan(String tenant) {
		PartnerProperties.Tenant settings = this.properties.getTenants().get(tenant);
		return (settings != null && settings.getPlan() != null) ? settings.getPlan() : "default";
	}

	private Set<String> scopes(@Nullable List<@Nullable String> requested, Violations violations) {
		List<String> grantable = this.properties.getKeys().getGrantableScopes();
		if (requested == null || requested.isEmpty()) {
			violations.require(false, "scopes", "must name at least one of " + grantable);
			return Set.of();
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (int i = 0; i < requested.size(); i++) {
			String scope = requested.get(i);
			boolean valid = scope != null && grantable.contains(scope);
			violations.require(valid, "scopes[" + i + "]", "must be one of " + grantable);
			if (valid) {
				scopes.add(scope);
			}
		}
		return scopes;
	}

	private static List<String> allowedIps(@Nullable List<@Nullable String> requested, Violations violations) {
		List<String> ranges = new ArrayList<>();
		if (requested == null) {
			return ranges;
		}
		violations.require(requested.size() <= 20, "allowedIps", "must hold at most 20 ranges");
		for (int i = 0; i < requested.size(); i++) {
			String range = requested.get(i);
			boolean valid = range != null && range.matches("[0-9a-fA-F:.]{2,45}(/\\d{1,3})?");
			if (valid) {
				try {
					new IpAddressMatcher(range);
				}
				catch (IllegalArgumentException ex) {
					valid = false;
				}
			}
			violations.require(valid, "allowedIps[" + i + "]", "must be an IP address or CIDR range");
			if (valid) {
				ranges.add(range);
			}
		}
		return ranges;
	}

	private Instant now() {
		// to the millisecond: a grace period ends when it says, not up to a second early
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
