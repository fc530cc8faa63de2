package io.github.bffsuite.edge.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.support.RequestRule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Authentication and authorization of an edge gateway: which mechanisms it accepts, which
 * paths are public and which scopes paths require. Each mechanism has its own properties
 * ({@code edge.security.jwt.*}, {@code edge.security.api-key.*}).
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

	private final Firewall firewall = new Firewall();

	private final FastPath fastPath = new FastPath();

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

	public Firewall getFirewall() {
		return this.firewall;
	}

	public FastPath getFastPath() {
		return this.fastPath;
	}

	/**
	 * Settings of the edge's fused fast path.
	 */
	public static class FastPath {

		/**
		 * Whether a request whose credential is already known valid (a cached token or
		 * API key) and whose access the scope rules grant is taken through the edge in
		 * one synchronous step (firewall, request id, identity headers, limits, security
		 * headers, access log, rate limit) instead of Spring Security's filter chain and
		 * the edge's separate web filters. Every other request takes that chain, so the
		 * answers are the same; false selects the chain for every request.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Settings of Spring Security's request firewall.
	 */
	public static class Firewall {

		/**
		 * Whether the firewall checks request header names and values and query parameter
		 * names once per request, with the strict firewall's own predicates, instead of
		 * wrapping the exchange and checking a header each time it is read. The URL,
		 * method, host and response header checks are the strict firewall's either way.
		 */
		private boolean checkOnce = true;

		public boolean isCheckOnce() {
			return this.checkOnce;
		}

		public void setCheckOnce(boolean checkOnce) {
			this.checkOnce = checkOnce;
		}

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
	public static class ScopeRule extends RequestRule {

		/**
		 * Scopes the caller must all have.
		 */
		private Set<String> scopes = new LinkedHashSet<>();

		public Set<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(Set<String> scopes) {
			this.scopes = scopes;
		}

	}

}
