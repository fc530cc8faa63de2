package io.github.bffsuite.samples.auth;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

import static io.github.bffsuite.samples.auth.OAuthTestClient.MOBILE_APP_REDIRECT;
import static io.github.bffsuite.samples.auth.OAuthTestClient.WEB_APP_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AuthorizationCodeFlowTests {

	@LocalServerPort
	private int port;

	private OAuthTestClient oauth;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestClient(this.port);
	}

	@Test
	void issuesSignedUserTokenWithUserIdTenantAudienceAndScopes() throws Exception {
		Map<String, Object> tokens = this.oauth.userTokens("web-app", WEB_APP_REDIRECT, "alice");

		assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token");
		assertThat(tokens.get("expires_in")).isIn(899, 900);
		JWTClaimsSet access = this.oauth.verifiedClaims((String) tokens.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("u-001");
		assertThat(access.getStringClaim("tenant_id")).isEqualTo("acme");
		assertThat(access.getStringClaim("client_id")).isEqualTo("web-app");
		assertThat(access.getAudience()).containsExactly("bff-web");
		assertThat(access.getIssuer()).isEqualTo("http://localhost:9000");
		assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "profile", "users:read",
				"orders:read", "orders:write", "products:read");
		assertThat(access.getStringListClaim("roles")).containsExactly("admin", "user");
		assertThat(access.getStringClaim("preferred_username")).isEqualTo("alice");
		assertThat(access.getExpirationTime().getTime() - access.getIssueTime().getTime()).isEqualTo(15 * 60 * 1000);
		JWTClaimsSet id = this.oauth.verifiedClaims((String) tokens.get("id_token"));
		assertThat(id.getSubject()).isEqualTo("u-001");
		assertThat(id.getAudience()).containsExactly("web-app");
	}

	@Test
	void issuesMobileAppTokensForBffMobile() throws Exception {
		Map<String, Object> tokens = this.oauth.userTokens("mobile-app", MOBILE_APP_REDIRECT, "bob");

		JWTClaimsSet access = this.oauth.verifiedClaims((String) tokens.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("u-004");
		assertThat(access.getStringClaim("tenant_id")).isEqualTo("acme");
		assertThat(access.getAudience()).containsExactly("bff-mobile");
	}

	@Test
	void rejectsCodeExchangeWithoutCodeVerifier() {
		OAuthTestClient.Pkce pkce = OAuthTestClient.Pkce.create();
		String code = OAuthTestClient
			.codeOf(this.oauth.authorize("web-app", WEB_APP_REDIRECT, "carol", "password", pkce));

		// without a code_verifier a public client has no way to authenticate at all
		this.oauth.exchangeCode("web-app", WEB_APP_REDIRECT, code, null).expectStatus().isUnauthorized();
	}

	@Test
	void rejectsCodeExchangeWithWrongCodeVerifier() {
		OAuthTestClient.Pkce pkce = OAuthTestClient.Pkce.create();
		String code = OAuthTestClient
			.codeOf(this.oauth.authorize("web-app", WEB_APP_REDIRECT, "dave", "password", pkce));

		this.oauth.exchangeCode("web-app", WEB_APP_REDIRECT, code, OAuthTestClient.Pkce.create().verifier())
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	@Test
	void rejectsAuthorizationRequestWithoutCodeChallenge() {
		URI authorize = UriComponentsBuilder.fromPath("/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", "web-app")
			.queryParam("redirect_uri", WEB_APP_REDIRECT)
			.queryParam("scope", "openid")
			.queryParam("state", "st-123")
			.encode()
			.build()
			.toUri();

		URI location = this.oauth.http()
			.get()
			.uri(authorize.toString())
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getLocation();

		assertThat(location.toString()).startsWith(WEB_APP_REDIRECT).contains("error=invalid_request");
	}

	@Test
	void redirectsBackToLoginOnWrongPassword() {
		URI location = this.oauth.authorize("web-app", WEB_APP_REDIRECT, "alice", "wrong",
				OAuthTestClient.Pkce.create());

		assertThat(location.getPath()).isEqualTo("/login");
		assertThat(location.getQuery()).isEqualTo("error");
	}

	@Test
	void refreshesPublicClientTokenAndRotatesRefreshToken() throws Exception {
		Map<String, Object> tokens = this.oauth.userTokens("web-app", WEB_APP_REDIRECT, "erin");
		String refreshToken = (String) tokens.get("refresh_token");

		Map<String, Object> refreshed = this.oauth
			.json(this.oauth.tokenRequest(refresh("web-app", refreshToken), null));

		JWTClaimsSet access = this.oauth.verifiedClaims((String) refreshed.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("u-003");
		assertThat(access.getStringClaim("tenant_id")).isEqualTo("initech");
		assertThat(access.getAudience()).containsExactly("bff-web");
		assertThat(refreshed.get("refresh_token")).isNotNull().isNotEqualTo(refreshToken);
		this.oauth.tokenRequest(refresh("web-app", refreshToken), null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	@Test
	void rejectsRefreshTokenOfAnotherClient() {
		Map<String, Object> tokens = this.oauth.userTokens("web-app", WEB_APP_REDIRECT, "frank");

		this.oauth.tokenRequest(refresh("mobile-app", (String) tokens.get("refresh_token")), null)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_grant");
	}

	private static MultiValueMap<String, String> refresh(String clientId, String refreshToken) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "refresh_token");
		form.add("refresh_token", refreshToken);
		form.add("client_id", clientId);
		return form;
	}

}
