package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.server.authorization.AuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions of {@link EdgeAuthorizationManager}: first match wins, in the order
 * preflight, public paths, scope rules, default.
 */
class EdgeAuthorizationManagerTests {

	private static final Authentication READER = authenticated("SCOPE_products:read");

	private static final Authentication NO_SCOPES = authenticated();

	private final ScopeRules rules = new ScopeRules(List.of(rule("/api/products/**", Set.of(), "products:read"),
			rule("/api/orders/**", Set.of(HttpMethod.POST), "orders:write"), rule("/api/orders/**", Set.of()),
			rule("/api/products/**", Set.of(), "never:reached")));

	@Test
	void firstMatchingRuleDecides() {
		EdgeAuthorizationManager manager = manager(false, EdgeSecurityProperties.RulesDefault.AUTHENTICATED);
		assertThat(granted(manager, HttpMethod.GET, "/api/products/p-1", READER)).isTrue();
		assertThat(granted(manager, HttpMethod.GET, "/api/products/p-1", NO_SCOPES)).isFalse();
		assertThat(granted(manager, HttpMethod.POST, "/api/orders", NO_SCOPES)).isFalse();
		assertThat(granted(manager, HttpMethod.GET, "/api/orders/o-1", NO_SCOPES)).isTrue();
		assertThat(granted(manager, HttpMethod.GET, "/api/products/p-1", null)).isFalse();
	}

	@Test
	void rulesMatchPathsInAnyLetterCase() {
		EdgeAuthorizationManager manager = manager(false, EdgeSecurityProperties.RulesDefault.AUTHENTICATED);
		assertThat(granted(manager, HttpMethod.GET, "/API/Products/p-1", NO_SCOPES)).isFalse();
	}

	@Test
	void publicPathsArePermittedWithoutCredentials() {
		EdgeAuthorizationManager manager = manager(false, EdgeSecurityProperties.RulesDefault.DENY);
		assertThat(granted(manager, HttpMethod.GET, "/actuator/health", null)).isTrue();
		assertThat(granted(manager, HttpMethod.GET, "/actuator/health/liveness", null)).isTrue();
		assertThat(granted(manager, HttpMethod.GET, "/Actuator/health", null)).isFalse();
	}

	@Test
	void preflightsArePermittedOnlyWhenCorsIsOn() {
		assertThat(granted(manager(true, EdgeSecurityProperties.RulesDefault.DENY), HttpMethod.OPTIONS,
				"/api/products/p-1", null))
			.isTrue();
		assertThat(granted(manager(false, EdgeSecurityProperties.RulesDefault.DENY), HttpMethod.OPTIONS,
				"/api/products/p-1", null))
			.isFalse();
	}

	@Test
	void theDefaultAppliesWhenNoRuleMatches() {
		EdgeAuthorizationManager authenticated = manager(false, EdgeSecurityProperties.RulesDefault.AUTHENTICATED);
		assertThat(granted(authenticated, HttpMethod.GET, "/api/other", NO_SCOPES)).isTrue();
		assertThat(granted(authenticated, HttpMethod.GET, "/api/other", null)).isFalse();
		assertThat(granted(authenticated, HttpMethod.GET, "/api/other",
				new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANON"))))
			.isFalse();
		EdgeAuthorizationManager deny = manager(false, EdgeSecurityProperties.RulesDefault.DENY);
		assertThat(granted(deny, HttpMethod.GET, "/api/other", READER)).isFalse();
	}

	private EdgeAuthorizationManager manager(boolean cors, EdgeSecurityProperties.RulesDefault rulesDefault) {
		return new EdgeAuthorizationManager(cors, List.of("/actuator/health", "/actuator/health/**"), this.rules,
				rulesDefault);
	}

	private static boolean granted(EdgeAuthorizationManager manager, HttpMethod method, String path,
			Authentication authentication) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
		return Boolean.TRUE
			.equals(manager.authorize(Mono.justOrEmpty(authentication), new AuthorizationContext(exchange))
				.map((result) -> result.isGranted())
				.block());
	}

	private static Authentication authenticated(String... authorities) {
		TestingAuthenticationToken token = new TestingAuthenticationToken("u-1", "n/a", authorities);
		token.setAuthenticated(true);
		return token;
	}

	private static EdgeSecurityProperties.ScopeRule rule(String pattern, Set<HttpMethod> methods, String... scopes) {
		EdgeSecurityProperties.ScopeRule rule = new EdgeSecurityProperties.ScopeRule();
		rule.setPattern(pattern);
		rule.setMethods(methods);
		rule.setScopes(Set.of(scopes));
		return rule;
	}

}
