package io.github.bffsuite.samples.auth;

import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;

import static io.github.bffsuite.samples.auth.OAuthTestClient.WEB_APP_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class JwksAndKeyRotationTests {

	@LocalServerPort
	private int port;

	private OAuthTestClient oauth;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestClient(this.port);
	}

	@Test
	void servesPublicRsaSigningKeysWithKeyIds() {
		JWKSet jwks = this.oauth.jwks();

		assertThat(jwks.getKeys()).isNotEmpty().allSatisfy((jwk) -> {
			assertThat(jwk.getKeyID()).isNotBlank();
			assertThat(jwk.getKeyType().getValue()).isEqualTo("RSA");
			assertThat(jwk.isPrivate()).isFalse();
		});
	}

	@Test
	void servesOidcDiscoveryForTheConfiguredIssuer() {
		this.oauth.http()
			.get()
			.uri("/.well-known/openid-configuration")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.issuer")
			.isEqualTo("http://localhost:9000")
			.jsonPath("$.jwks_uri")
			.isEqualTo("http://localhost:9000/oauth2/jwks");
	}

	@Test
	void servesHealthWithoutAuthentication() {
		this.oauth.http()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	@Test
	void signsNewTokensWithRotatedKeyAndKeepsPreviousKeyPublished() throws Exception {
		String before = (String) this.oauth.json(this.oauth.clientCredentials("partner-acme", "partner-acme-secret"))
			.get("access_token");
		String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

		Map<String, String> rotated = this.oauth.http()
			.post()
			.uri("/admin/rotate-key")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.returnResult()
			.getResponseBody();

		assertThat(rotated).containsEntry("previousKid", oldKid);
		String newKid = rotated.get("kid");
		assertThat(newKid).isNotEqualTo(oldKid);
		assertThat(this.oauth.jwks().getKeys()).extracting(JWK::getKeyID).containsExactly(newKid, oldKid);
		String after = (String) this.oauth.userTokens("web-app", WEB_APP_REDIRECT, "alice").get("access_token");
		assertThat(this.oauth.verified(after).getHeader().getKeyID()).isEqualTo(newKid);
		assertThat(this.oauth.verified(before).getHeader().getKeyID()).isEqualTo(oldKid);
	}

}
