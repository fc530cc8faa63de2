package io.github.bffsuite.samples.auth.token;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client-credentials request converter that grants the client's registered scopes when
 * the request names none, so that a partner's token always says what it may do (Spring
 * Authorization Server would otherwise issue a token without any scope).
 */
public final class DefaultScopesClientCredentialsAuthenticationConverter implements AuthenticationConverter {

	private final AuthenticationConverter delegate = new OAuth2ClientCredentialsAuthenticationConverter();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		Authentication authentication = this.delegate.convert(request);
		if (authentication instanceof OAuth2ClientCredentialsAuthenticationToken clientCredentials
				&& clientCredentials.getScopes().isEmpty()
				&& clientCredentials.getPrincipal() instanceof OAuth2ClientAuthenticationToken clientPrincipal) {
			RegisteredClient client = clientPrincipal.getRegisteredClient();
			if (client != null) {
				return new OAuth2ClientCredentialsAuthenticationToken(clientPrincipal, client.getScopes(),
						clientCredentials.getAdditionalParameters());
			}
		}
		return authentication;
	}

}
