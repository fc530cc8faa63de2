package io.github.bffsuite.edge.security.apikey;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An API key presented by a client, not yet authenticated. Its {@code toString} never
 * shows the key.
 */
public class ApiKeyAuthenticationToken extends AbstractAuthenticationToken {

	private final String key;

	private final @Nullable String clientAddress;

	/**
	 * Create a token.
	 * @param key the presented key
	 * @param clientAddress the client's IP address, for keys with an allowlist
	 */
	public ApiKeyAuthenticationToken(String key, @Nullable String clientAddress) {
		super(List.of());
		this.key = key;
		this.clientAddress = clientAddress;
		setAuthenticated(false);
	}

	/**
	 * Return the client's IP address.
	 * @return the address, or {@code null} when unknown
	 */
	public @Nullable String clientAddress() {
		return this.clientAddress;
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
