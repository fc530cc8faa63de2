package io.github.bffsuite.edge.security.apikey;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An API key presented by a client, not yet authenticated. Its {@code toString} never
 * shows the key.
 */
public class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

	private final String key;

	public ApiKeyAuthenticationToken(String key) {
		super(List.of());
		this.key = key;
		setAuthenticated(false);
	}

	@Override
	public Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return "api-key";
	}

	@Override
	public String toString() {
		return "ApiKeyAuthenticationToken[key=<redacted>]";
	}

}
