package io.github.bffsuite.edge.identity;

import java.util.Collection;
import java.util.stream.Stream;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request at the edge. Its authorities are the principal's scopes as
 * {@code SCOPE_x} and roles as {@code ROLE_x}; credentials are never kept.
 */
public class EdgeAuthentication extends AbstractAuthenticationToken {

	private final EdgePrincipal principal;

	public EdgeAuthentication(EdgePrincipal principal) {
		super(authorities(principal));
		this.principal = principal;
		setAuthenticated(true);
	}

	private static Collection<GrantedAuthority> authorities(EdgePrincipal principal) {
		return Stream
			.concat(principal.scopes().stream().map((scope) -> "SCOPE_" + scope),
					principal.roles().stream().map((role) -> "ROLE_" + role))
			.<GrantedAuthority>map(SimpleGrantedAuthority::new)
			.toList();
	}

	@Override
	public EdgePrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public String getName() {
		return this.principal.getName();
	}

}
