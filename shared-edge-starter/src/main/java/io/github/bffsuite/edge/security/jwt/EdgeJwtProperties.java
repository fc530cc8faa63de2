package io.github.bffsuite.edge.security.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JWT bearer token validation of an edge gateway: issuer, keys, accepted algorithms,
 * audiences and kinds of callers, and the claims the edge principal is built from.
 */
@ConfigurationProperties("edge.security.jwt")
public class EdgeJwtProperties {

	/**
	 * Issuer that tokens must name in "iss"; also where the JWKS is discovered when
	 * jwk-set-uri is not set.
	 */
	private @Nullable String issuerUri;

	/**
	 * JWKS endpoint of the issuer.
	 */
	private @Nullable String jwkSetUri;

	/**
	 * Audiences of which a token must name at least one in "aud".
	 */
	private List<String> audiences = new ArrayList<>();

	/**
	 * Accepted JWS algorithms; asymmetric ones only.
	 */
	private Set<String> algorithms = new LinkedHashSet<>(List.of("RS256", "ES256"));

	/**
	 * Clock skew tolerated on "exp" and "nbf".
	 */
	private Duration clockSkew = Duration.ofSeconds(60);

	/**
	 * How long fetched keys are used before they are refreshed in the background.
	 */
	private Duration jwksCacheTtl = Duration.ofMinutes(5);

	/**
	 * Shortest time between two JWKS fetches caused by tokens with an unknown key id.
	 */
	private Duration jwksRefreshCooldown = Duration.ofSeconds(10);

	/**
	 * Timeout of a JWKS or discovery fetch.
	 */
	private Duration jwksTimeout = Duration.ofSeconds(2);

	/**
	 * Most validated tokens remembered, so that a repeated token skips its signature
	 * check; 0 turns the cache off.
	 */
	private long tokenCacheSize = 10_000;

	/**
	 * Longest time a validated token is remembered (never past its expiry); also how long
	 * a token signed with a key the issuer has withdrawn may still be accepted.
	 */
	private Duration tokenCacheTtl = Duration.ofMinutes(5);

	/**
	 * Kinds of callers whose tokens are accepted: user tokens, client-credential tokens
	 * or both.
	 */
	private Set<EdgePrincipal.Kind> acceptedKinds = new LinkedHashSet<>(
			List.of(EdgePrincipal.Kind.USER, EdgePrincipal.Kind.CLIENT));

	/**
	 * Names of the claims the edge principal is built from.
	 */
	private final Claims claims = new Claims();

	public @Nullable String getIssuerUri() {
		return this.issuerUri;
	}

	public void setIssuerUri(@Nullable String issuerUri) {
		this.issuerUri = issuerUri;
	}

	public @Nullable String getJwkSetUri() {
		return this.jwkSetUri;
	}

	public void setJwkSetUri(@Nullable String jwkSetUri) {
		this.jwkSetUri = jwkSetUri;
	}

	public List<String> getAudiences() {
		return this.audiences;
	}

	public void setAudiences(List<String> audiences) {
		this.audiences = audiences;
	}

	public Set<String> getAlgorithms() {
		return this.algorithms;
	}

	public void setAlgorithms(Set<String> algorithms) {
		this.algorithms = algorithms;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Duration getJwksCacheTtl() {
		return this.jwksCacheTtl;
	}

	public void setJwksCacheTtl(Duration jwksCacheTtl) {
		this.jwksCacheTtl = jwksCacheTtl;
	}

	public Duration getJwksRefreshCooldown() {
		return this.jwksRefreshCooldown;
	}

	public void setJwksRefreshCooldown(Duration jwksRefreshCooldown) {
		this.jwksRefreshCooldown = jwksRefreshCooldown;
	}

	public Duration getJwksTimeout() {
		return this.jwksTimeout;
	}

	public void setJwksTimeout(Duration jwksTimeout) {
		this.jwksTimeout = jwksTimeout;
	}

	public long getTokenCacheSize() {
		return this.tokenCacheSize;
	}

	public void setTokenCacheSize(long tokenCacheSize) {
		this.tokenCacheSize = tokenCacheSize;
	}

	public Duration getTokenCacheTtl() {
		return this.tokenCacheTtl;
	}

	public void setTokenCacheTtl(Duration tokenCacheTtl) {
		this.tokenCacheTtl = tokenCacheTtl;
	}

	public Set<EdgePrincipal.Kind> getAcceptedKinds() {
		return this.acceptedKinds;
	}

	public void setAcceptedKinds(Set<EdgePrincipal.Kind> acceptedKinds) {
		this.acceptedKinds = acceptedKinds;
	}

	public Claims getClaims() {
		return this.claims;
	}

	/**
	 * Claim names.
	 */
	public static class Claims {

		/**
		 * Claim holding the user id.
		 */
		private String userId = "sub";

		/**
		 * Claim holding the tenant id.
		 */
		private String tenantId = "tenant_id";

		/**
		 * Claim holding the scopes, as a space-separated string or a list.
		 */
		private String scopes = "scope";

		/**
		 * Claim holding the roles.
		 */
		private String roles = "roles";

		/**
		 * Claim holding the partner plan, which selects rate-limit policies.
		 */
		private String plan = "plan";

		/**
		 * Claims holding the client id, tried in order.
		 */
		private List<String> clientId = new ArrayList<>(List.of("client_id", "azp", "cid"));

		public String getUserId() {
			return this.userId;
		}

		public void setUserId(String userId) {
			this.userId = userId;
		}

		public String getTenantId() {
			return this.tenantId;
		}

		public void setTenantId(String tenantId) {
			this.tenantId = tenantId;
		}

		public String getScopes() {
			return this.scopes;
		}

		public void setScopes(String scopes) {
			this.scopes = scopes;
		}

		public String getRoles() {
			return this.roles;
		}

		public void setRoles(String roles) {
			this.roles = roles;
		}

		public String getPlan() {
			return this.plan;
		}

		public void setPlan(String plan) {
			this.plan = plan;
		}

		public List<String> getClientId() {
			return this.clientId;
		}

		public void setClientId(List<String> clientId) {
			this.clientId = clientId;
		}

	}

}
