package io.github.bffsuite.edge.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.http.HttpMethod;

/**
 * Authentication and authorization of an edge gateway: which mechanisms it accepts, how
 * JWTs and API keys are checked, which paths are public and which scopes paths require.
 */
@ConfigurationProperties("edge.security")
public class EdgeSecurityProperties {

	/**
	 * Whether the edge security filter chain is applied.
	 */
	private boolean enabled = true;

	/**
	 * Whether Spring Security records its own observations (a span and timer per security
	 * filter, authentication and authorization). Off by default: they cost about a tenth
	 * of a pass-through route's throughput, and the edge already counts authentication
	 * failures by reason ({@code edge.auth.failures}) within the request's span.
	 */
	private boolean observations = false;

	/**
	 * Authentication mechanisms the gateway accepts.
	 */
	private Set<Mechanism> mechanisms = new LinkedHashSet<>(Set.of(Mechanism.JWT));

	/**
	 * Ant-style path patterns reachable without credentials.
	 */
	private List<String> permitPaths = new ArrayList<>(
			List.of("/actuator/health", "/actuator/health/**", "/actuator/info"));

	/**
	 * Scopes required per path, checked in order; the first rule whose pattern and
	 * methods match applies.
	 */
	private List<ScopeRule> rules = new ArrayList<>();

	/**
	 * What an authenticated request to a path that no scope rule and no permit path names
	 * gets: "authenticated" lets any authenticated caller through, "deny" refuses it with
	 * a 403 problem, so that only paths a rule names are reachable. A rule with no scopes
	 * opens its path to any authenticated caller.
	 */
	private RulesDefault rulesDefault = RulesDefault.AUTHENTICATED;

	/**
	 * JWT bearer token validation.
	 */
	private final Jwt jwt = new Jwt();

	/**
	 * API key authentication.
	 */
	private final ApiKey apiKey = new ApiKey();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isObservations() {
		return this.observations;
	}

	public void setObservations(boolean observations) {
		this.observations = observations;
	}

	public Set<Mechanism> getMechanisms() {
		return this.mechanisms;
	}

	public void setMechanisms(Set<Mechanism> mechanisms) {
		this.mechanisms = mechanisms;
	}

	public List<String> getPermitPaths() {
		return this.permitPaths;
	}

	public void setPermitPaths(List<String> permitPaths) {
		this.permitPaths = permitPaths;
	}

	public List<ScopeRule> getRules() {
		return this.rules;
	}

	public void setRules(List<ScopeRule> rules) {
		this.rules = rules;
	}

	public RulesDefault getRulesDefault() {
		return this.rulesDefault;
	}

	public void setRulesDefault(RulesDefault rulesDefault) {
		this.rulesDefault = rulesDefault;
	}

	public Jwt getJwt() {
		return this.jwt;
	}

	public ApiKey getApiKey() {
		return this.apiKey;
	}

	/**
	 * Authentication mechanisms.
	 */
	public enum Mechanism {

		/** Bearer JWT access tokens. */
		JWT,

		/** API keys in a request header. */
		API_KEY

	}

	/**
	 * What applies to authenticated requests that no scope rule names.
	 */
	public enum RulesDefault {

		/** Any authenticated caller may go on. */
		AUTHENTICATED,

		/** The request is refused with 403: only paths a rule names are reachable. */
		DENY

	}

	/**
	 * Scopes a path requires.
	 */
	public static class ScopeRule {

		/**
		 * Ant-style path pattern.
		 */
		private String pattern = "/**";

		/**
		 * HTTP methods the rule applies to; all when empty.
		 */
		private Set<HttpMethod> methods = new LinkedHashSet<>();

		/**
		 * Scopes the caller must all have.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		public String getPattern() {
			return this.pattern;
		}

		public void setPattern(String pattern) {
			this.pattern = pattern;
		}

		public Set<HttpMethod> getMethods() {
			return this.methods;
		}

		public void setMethods(Set<HttpMethod> methods) {
			this.methods = methods;
		}

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

	}

	/**
	 * JWT settings.
	 */
	public static class Jwt {

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
		 * Longest time a validated token is remembered (never past its expiry); also how
		 * long a token signed with a key the issuer has withdrawn may still be accepted.
		 */
		private Duration tokenCacheTtl = Duration.ofMinutes(5);

		/**
		 * Kinds of callers whose tokens are accepted: user tokens, client-credential
		 * tokens or both.
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

	/**
	 * API key settings.
	 */
	public static class ApiKey {

		/**
		 * Request header carrying the API key.
		 */
		private String header = "X-API-Key";

		/**
		 * Where keys are looked up.
		 */
		private Store store = Store.MEMORY;

		/**
		 * How keys are hashed before they are stored or looked up.
		 */
		private Hash hash = Hash.HMAC_SHA256;

		/**
		 * Server-side secret of the HMAC-SHA-256 hash. Keep it out of source control.
		 */
		private @Nullable String secret;

		/**
		 * Prefix of the Redis keys holding API key records.
		 */
		private String redisKeyPrefix = "edge:apikey:";

		/**
		 * How long a Redis lookup is cached on an instance; bounds how late a revocation
		 * takes effect.
		 */
		private Duration cacheTtl = Duration.ofMillis(500);

		/**
		 * Longest wait for one Redis lookup of a key; past it the request gets a 503
		 * problem instead of waiting on a Redis that does not answer.
		 */
		private Duration redisTimeout = Duration.ofSeconds(1);

		/**
		 * Whether keys must be in the checksummed format
		 * bffk_&lt;environment&gt;_&lt;tenant&gt;_&lt;random&gt;&lt;checksum&gt;: a key
		 * that is not is refused before any store lookup, as is one whose tenant differs
		 * from its record's.
		 */
		private boolean requireChecksum = false;

		/**
		 * Shortest time between two last-used updates of a key from one instance; 0 turns
		 * them off.
		 */
		private Duration touchInterval = Duration.ofMinutes(1);

		/**
		 * Keys declared in configuration, by key id; only hashes are configured. The
		 * memory store holds them, the Redis store is seeded with them at start-up.
		 */
		private Map<String, KeyDefinition> keys = new LinkedHashMap<>();

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public Hash getHash() {
			return this.hash;
		}

		public void setHash(Hash hash) {
			this.hash = hash;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public String getRedisKeyPrefix() {
			return this.redisKeyPrefix;
		}

		public void setRedisKeyPrefix(String redisKeyPrefix) {
			this.redisKeyPrefix = redisKeyPrefix;
		}

		public Duration getRedisTimeout() {
			return this.redisTimeout;
		}

		public void setRedisTimeout(Duration redisTimeout) {
			this.redisTimeout = redisTimeout;
		}

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public boolean isRequireChecksum() {
			return this.requireChecksum;
		}

		public void setRequireChecksum(boolean requireChecksum) {
			this.requireChecksum = requireChecksum;
		}

		public Duration getTouchInterval() {
			return this.touchInterval;
		}

		public void setTouchInterval(Duration touchInterval) {
			this.touchInterval = touchInterval;
		}

		public Map<String, KeyDefinition> getKeys() {
			return this.keys;
		}

		public void setKeys(Map<String, KeyDefinition> keys) {
			this.keys = keys;
		}

		/**
		 * API key stores.
		 */
		public enum Store {

			/** Keys from configuration, held in memory. */
			MEMORY,

			/** Keys in Redis, shared by every gateway instance. */
			REDIS

		}

		/**
		 * Key hashes.
		 */
		public enum Hash {

			/** HMAC-SHA-256 with the configured server-side secret. */
			HMAC_SHA256,

			/** Plain SHA-256. */
			SHA256

		}

	}

	/**
	 * An API key declared in configuration.
	 */
	public static class KeyDefinition {

		/**
		 * Hex hash of the key, as computed with the configured hash.
		 */
		private String hash = "";

		/**
		 * Tenant the key belongs to.
		 */
		private String tenant = "";

		/**
		 * Plan of the partner, which selects rate-limit policies.
		 */
		private String plan = "basic";

		/**
		 * Scopes the key grants.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		/**
		 * Instant after which the key is refused.
		 */
		private @Nullable Instant expiresAt;

		/**
		 * Whether the key is revoked.
		 */
		private boolean revoked;

		/**
		 * Addresses or CIDR ranges the key may be used from; any when empty.
		 */
		private List<String> allowedIps = new ArrayList<>();

		public String getHash() {
			return this.hash;
		}

		public void setHash(String hash) {
			this.hash = hash;
		}

		public String getTenant() {
			return this.tenant;
		}

		public void setTenant(String tenant) {
			this.tenant = tenant;
		}

		public String getPlan() {
			return this.plan;
		}

		public void setPlan(String plan) {
			this.plan = plan;
		}

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable Instant getExpiresAt() {
			return this.expiresAt;
		}

		public void setExpiresAt(@Nullable Instant expiresAt) {
			this.expiresAt = expiresAt;
		}

		public boolean isRevoked() {
			return this.revoked;
		}

		public void setRevoked(boolean revoked) {
			this.revoked = revoked;
		}

		public List<String> getAllowedIps() {
			return this.allowedIps;
		}

		public void setAllowedIps(List<String> allowedIps) {
			this.allowedIps = allowedIps;
		}

	}

}
