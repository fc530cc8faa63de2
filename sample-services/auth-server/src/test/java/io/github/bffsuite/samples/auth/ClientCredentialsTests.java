package io.github.bffsuite.samples.auth;

import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ClientCredentialsTests {

	@LocalServerPort
	private int port;

	private OAuthTestClient oauth;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestClient(this.port);
	}

	@Test
	void issuesPartnerTokenForBffPartnerWithTenantAndRegisteredScopes() throws Exception {
		Map<String, Object> tokens = this.oauth
			.json(this.oauth.clientCredentials("partner-acme", "partner-acme-secret"));

		assertThat(tokens).doesNotContainKey("refresh_token");
		JWTClaimsSet access = this.oauth.verifiedClaims((String) tokens.get("access_token"));
		assertThat(access.getSubject()).isEqualTo("partner-acme");
		assertThat(access.getAudience()).containsExactly("bff-partner");
		assertThat(access.getStringClaim("tenant_id")).isEqualTo("acme");
		assertThat(access.getStringClaim("client_id")).isEqualTo("partner-acme");
		assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("products:read", "orders:read",
				"orders:write", "keys:admin");
		assertThat(access.getStringClaim("plan")).isEqualTo("pro");
	}

	@Test
	void issuesEachPartnerATokenForItsOwnTenant() throws Exception {
		Map<String, Object> tokens = this.oauth
			.json(this.oauth.clientCredentials("partner-initech", "partner-initech-secret"));

		JWTClaimsSet access = this.oauth.verifiedClaims((String) tokens.get("access_token"));
		assertThat(access.getStringClaim("tenant_id")).isEqualTo("initech");
	}

	@Test
	void narrowsScopesToTheRequestedOnes() throws Exception {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", "products:read");

		Map<String, Object> tokens = this.oauth
			.json(this.oauth.tokenRequest(form, "partner-globex:partner-globex-secret"));

		JWTClaimsSet access = this.oauth.verifiedClaims((String) tokens.get("access_token"));
		assertThat(access.getStringListClaim("scope")).containsExactly("products:read");
	}

	@Test
	void rejectsScopeNotRegisteredForPartner() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("scope", "users:read");

		this.oauth.tokenRequest(form, "partner-acme:partner-acme-secret")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_scope");
	}

	@Test
	void rejectsWrongSecretWith401() {
		this.oauth.clientCredentials("partner-acme", "partner-globex-secret")
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("invalid_client");
	}

	@Test
	void rejectsClientCredentialsForPublicClient() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", "web-app");

		this.oauth.tokenRequest(form, null).expectStatus().isUnauthorized();
	}

}
