package io.github.bffsuite.samples.auth.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Dev-only registered clients: the public {@code web-app} and {@code mobile-app}
 * (authorization code with PKCE) and one confidential partner client per tenant (client
 * credentials). Each carries the audience its access tokens are for and, for partners,
 * its tenant, as custom client settings.
 */
public final class DemoClients {

	/**
	 * Client setting holding the {@code aud} of the client's access tokens.
	 */
	public static final String AUDIENCE_SETTING = "bff.audience";

	/**
	 * Client setting holding the {@code tenant_id} of a partner client's access tokens.
	 */
	public static final String TENANT_SETTING = "bff.tenant";

	/**
	 * Client setting holding the {@code plan} of a partner client's access tokens.
	 */
	public static final String PLAN_SETTING = "bff.plan";

	/**
	 * Time to live of every access token.
	 */
	public static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

	private static final Duration REFRESH_TOKEN_TTL = Duration.ofHours(8);

	private static final List<String> USER_SCOPES = List.of("openid", "profile", "users:read", "orders:read",
			"orders:write", "products:read");

	// each demo partner client is its tenant's admin too: it may place orders and manage
	// API keys
	private static final List<String> PARTNER_SCOPES = List.of("products:read", "orders:read", "orders:write",
			"keys:admin");

	private static final List<String> TENANTS = List.of("acme", "globex", "initech");

	private DemoClients() {
	}

	/**
	 * Build the demo clients.
	 * @param passwordEncoder encoder for the partner clients' secrets
	 * @return the clients
	 */
	public static List<RegisteredClient> create(PasswordEncoder passwordEncoder) {
		List<RegisteredClient> clients = new ArrayList<>();
		clients.add(publicClient("web-app", "http://127.0.0.1:3000/callback", "bff-web"));
		clients.add(publicClient("mobile-app", "http://127.0.0.1:3001/callback", "bff-mobile"));
		for (String tenant : TENANTS) {
			clients.add(partnerClient("partner-" + tenant, tenant, "acme".equals(tenant) ? "pro" : "basic",
					passwordEncoder));
		}
		return clients;
	}

	/**
	 * Return the dev-only secret of a partner client.
	 * @param clientId the client id
	 * @return the secret
	 */
	public static String partnerSecret(String clientId) {
		return clientId + "-secret";
	}

	private static RegisteredClient publicClient(String clientId, String redirectUri, String audience) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(redirectUri)
			.scopes((scopes) -> scopes.addAll(USER_SCOPES))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(true)
				.requireAuthorizationConsent(false)
				.settings((settings) -> settings.putAll(Map.of(AUDIENCE_SETTING, audience)))
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(ACCESS_TOKEN_TTL)
				.refreshTokenTimeToLive(REFRESH_TOKEN_TTL)
				// a public client cannot keep a secret: every refresh rotates the token
				.reuseRefreshTokens(false)
				.build())
			.build();
	}

	private static RegisteredClient partnerClient(String clientId, String tenant, String plan,
			PasswordEncoder passwordEncoder) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret(passwordEncoder.encode(partnerSecret(clientId)))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes((scopes) -> scopes.addAll(PARTNER_SCOPES))
			.clientSettings(ClientSettings.builder()
				.requireAuthorizationConsent(false)
				.settings((settings) -> settings
					.putAll(Map.of(AUDIENCE_SETTING, "bff-partner", TENANT_SETTING, tenant, PLAN_SETTING, plan)))
				.build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_TTL).build())
			.build();
	}

}
