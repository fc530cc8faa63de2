package io.github.bffsuite.samples.auth.token;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Turns a refresh-token request of a public client ({@code POST} to the token endpoint
 * with {@code grant_type=refresh_token}, a single {@code client_id} and no client
 * credentials) into an unauthenticated {@link ClientAuthenticationMethod#NONE} client
 * authentication. Limited to the token endpoint on purpose: the client authentication
 * filter also guards introspection and revocation, where a bare {@code client_id} must
 * never be enough.
 */
public final class PublicClientRefreshTokenAuthenticationConverter implements AuthenticationConverter {

	private final RequestMatcher tokenEndpoint;

	public PublicClientRefreshTokenAuthenticationConverter(String tokenEndpointUri) {
		this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, tokenEndpointUri);
	}

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		if (!this.tokenEndpoint.matches(request)
				|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
					.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null || clientIds.length != 1 || clientIds[0].isBlank()) {
			return null;
		}
		return new OAuth2ClientAuthenticationToken(clientIds[0], ClientAuthenticationMethod.NONE, null,
				Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
	}

}
