package io.github.bffsuite.samples.auth.token;

import java.util.List;

import io.github.bffsuite.samples.auth.client.DemoClients;
import io.github.bffsuite.samples.auth.user.DemoUser;
import io.github.bffsuite.samples.auth.user.DemoUsers;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Shapes the suite's tokens: a user token's {@code sub} is the user id (not the login
 * name) and carries {@code tenant_id}, {@code roles} and {@code preferred_username}; a
 * partner token's {@code sub} is the client id and carries the partner's
 * {@code tenant_id}. Access tokens are for the audience registered with the client
 * ({@code bff-web}, {@code bff-mobile} or {@code bff-partner}).
 */
public class BffTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/**
	 * Claim holding the tenant id.
	 */
	public static final String TENANT_ID = "tenant_id";

	/**
	 * Claim holding a partner's plan, which selects its rate limits at bff-partner.
	 */
	public static final String PLAN = "plan";

	/**
	 * Claim holding the user's roles.
	 */
	public static final String ROLES = "roles";

	/**
	 * Claim holding the OAuth2 client id (RFC 9068).
	 */
	public static final String CLIENT_ID = "client_id";

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	@Override
	public void customize(JwtEncodingContext context) {
		RegisteredClient client = context.getRegisteredClient();
		JwtClaimsSet.Builder claims = context.getClaims();
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			claims.subject(client.getClientId());
			String tenant = client.getClientSettings().getSetting(DemoClients.TENANT_SETTING);
			if (tenant != null) {
				claims.claim(TENANT_ID, tenant);
			}
			String plan = client.getClientSettings().getSetting(DemoClients.PLAN_SETTING);
			if (plan != null) {
				claims.claim(PLAN, plan);
			}
		}
		else if (accessToken || ID_TOKEN.equals(context.getTokenType())) {
			DemoUsers.findByLogin(context.getPrincipal().getName()).ifPresent((user) -> addUserClaims(claims, user));
		}
		if (accessToken) {
			// RFC 9068 client_id: lets resource servers tell client-credential tokens
			// from user tokens
			claims.claim(CLIENT_ID, client.getClientId());
			String audience = client.getClientSettings().getSetting(DemoClients.AUDIENCE_SETTING);
			if (audience != null) {
				claims.audience(List.of(audience));
			}
		}
	}

	private static void addUserClaims(JwtClaimsSet.Builder claims, DemoUser user) {
		claims.subject(user.id());
		claims.claim(TENANT_ID, user.tenant());
		claims.claim(ROLES, user.roles());
		claims.claim("preferred_username", user.login());
		claims.claim("name", user.name());
	}

}
