package io.github.bffsuite.edge.security.apikey;

import java.util.List;

import io.github.bffsuite.edge.ratelimit.ClientAddressResolver;
import io.github.bffsuite.edge.security.EdgeFastAuthenticator;

import org.springframework.security.core.Authentication;
import org.springframework.web.server.ServerWebExchange;

/**
 * The API key mechanism's part of the fused fast path: one non-blank key header whose key
 * the store holds in memory and that passes every check of
 * {@link ApiKeyAuthenticationManager} (revocation, expiry, tenant and address allowlist
 * are checked on every request). Anything else is left to the API key authentication
 * filter.
 */
public final class FastApiKeyAuthenticator implements EdgeFastAuthenticator {

	private final ApiKeyAuthenticationManager manager;

	private final String header;

	private final ClientAddressResolver addresses;

	public FastApiKeyAuthenticator(ApiKeyAuthenticationManager manager, String header,
			ClientAddressResolver addresses) {
		this.manager = manager;
		this.header = header;
		this.addresses = addresses;
	}

	@Override
	public Outcome authenticate(ServerWebExchange exchange) {
		List<String> values = exchange.getRequest().getHeaders().get(this.header);
		if (values == null || values.isEmpty()) {
			return Outcome.NONE;
		}
		if (values.size() != 1 || values.get(0).isBlank()) {
			return Outcome.UNDECIDED;
		}
		Authentication authentication = this.manager.authenticateInMemory(values.get(0),
				this.addresses.resolve(exchange.getRequest()));
		return (authentication != null) ? Outcome.authenticated(authentication) : Outcome.UNDECIDED;
	}

}
