package io.github.bffsuite.samples.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the issuer over real HTTP the way a browser and an OAuth2 client would: cookies,
 * the login form with its CSRF token, redirects followed by hand, PKCE, token requests,
 * and signature checks against the published JWKS.
 */
final class OAuthTestClient {

	static final String USER_SCOPES = "openid profile users:read orders:read orders:write products:read";

	static final String WEB_APP_REDIRECT = "http://127.0.0.1:3000/callback";

	static final String MOBILE_APP_REDIRECT = "http://127.0.0.1:3001/callback";

	private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final String baseUrl;

	private final WebTestClient client;

	OAuthTestClient(int port) {
		this.baseUrl = "http://localhost:" + port;
		this.client = WebTestClient.bindToServer().baseUrl(this.baseUrl).build();
	}

	WebTestClient http() {
		return this.client;
	}

	/**
	 * Log in through the form and return the redirect to the client's callback.
	 */
	URI authorize(String clientId, String redirectUri, String login, String password, Pkce pkce) {
		URI authorize = UriComponentsBuilder.fromUriString(this.baseUrl + "/oauth2/authorize")
			.queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", USER_SCOPES)
			.queryParam("state", "st-123")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		EntityExchangeResult<byte[]> toLogin = browserGet(authorize, null);
		assertThat(toLogin.getStatus()).isEqualTo(HttpStatus.FOUND);
		assertThat(location(toLogin).getPath()).isEqualTo("/login");
		String session = sessionCookie(toLogin, null);

		EntityExchangeResult<byte[]> loginPage = browserGet(location(toLogin), session);
		assertThat(loginPage.getStatus()).isEqualTo(HttpStatus.OK);
		Matcher csrf = CSRF.matcher(new String(loginPage.getResponseBodyContent(), StandardCharsets.UTF_8));
		assertThat(csrf.find()).as("CSRF token on the login page").isTrue();

		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("username", login);
		form.add("password", password);
		form.add("_csrf", csrf.group(1));
		EntityExchangeResult<byte[]> loggedIn = this.client.post()
			.uri("/login")
			.header(HttpHeaders.COOKIE, session)
			.accept(MediaType.TEXT_HTML)
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult();
		URI afterLogin = location(loggedIn);
		if (afterLogin.getPath().equals("/login")) {
			return afterLogin;
		}
		EntityExchangeResult<byte[]> toCallback = browserGet(afterLogin, sessionCookie(loggedIn, session));
		assertThat(toCallback.getStatus()).isEqualTo(HttpStatus.FOUND);
		return location(toCallback);
	}

	/**
	 * Run the whole authorization code + PKCE flow and return the token response.
	 */
	Map<String, Object> userTokens(String clientId, String redirectUri, String login) {
		Pkce pkce = Pkce.create();
		String code = codeOf(authorize(clientId, redirectUri, login, "password", pkce));
		return exchangeCode(clientId, redirectUri, code, pkce.verifier()).expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
	}

	WebTestClient.ResponseSpec exchangeCode(String clientId, String redirectUri, String code,
			@Nullable String verifier) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "authorization_code");
		form.add("code", code);
		form.add("redirect_uri", redirectUri);
		form.add("client_id", clientId);
		if (verifier != null) {
			form.add("code_verifier", verifier);
		}
		return tokenRequest(form, null);
	}

	WebTestClient.ResponseSpec tokenRequest(MultiValueMap<String, String> form, @Nullable String basicAuth) {
		return this.client.post().uri("/oauth2/token").headers((headers) -> {
			if (basicAuth != null) {
				headers.setBasicAuth(basicAuth.substring(0, basicAuth.indexOf(':')),
						basicAuth.substring(basicAuth.indexOf(':') + 1));
			}
		}).body(BodyInserters.fromFormData(form)).exchange();
	}

	WebTestClient.ResponseSpec clientCredentials(String clientId, String secret) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		return tokenRequest(form, clientId + ":" + secret);
	}

	Map<String, Object> json(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
	}

	JWKSet jwks() {
		String body = this.client.get()
			.uri("/oauth2/jwks")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Verify the token's RS256 signature with the JWKS key named by its {@code kid}.
	 */
	SignedJWT verified(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			String kid = jwt.getHeader().getKeyID();
			assertThat(kid).as("kid header").isNotBlank();
			JWK key = jwks().getKeyByKeyId(kid);
			assertThat(key).as("JWKS key for kid %s", kid).isNotNull();
			assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).as("signature").isTrue();
			return jwt;
		}
		catch (ParseException | JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	JWTClaimsSet verifiedClaims(String token) {
		try {
			return verified(token).getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String codeOf(URI callback) {
		Map<String, List<String>> params = UriComponentsBuilder.fromUri(callback).build().getQueryParams();
		assertThat(params.get("state")).containsExactly("st-123");
		assertThat(params.get("code")).as("code in %s", callback).hasSize(1);
		return params.get("code").get(0);
	}

	private EntityExchangeResult<byte[]> browserGet(URI uri, @Nullable String cookie) {
		return this.client.get().uri(uri).headers((headers) -> {
			if (cookie != null) {
				headers.add(HttpHeaders.COOKIE, cookie);
			}
		}).accept(MediaType.TEXT_HTML).exchange().expectBody().returnResult();
	}

	private static URI location(EntityExchangeResult<?> result) {
		URI location = result.getResponseHeaders().getLocation();
		assertThat(location).as("Location header").isNotNull();
		return location;
	}

	private static String sessionCookie(EntityExchangeResult<?> result, @Nullable String current) {
		ResponseCookie session = result.getResponseCookies().getFirst("JSESSIONID");
		if (session == null) {
			assertThat(current).as("session cookie").isNotNull();
			return current;
		}
		return "JSESSIONID=" + session.getValue();
	}

	/**
	 * PKCE pair.
	 *
	 * @param verifier code verifier
	 * @param challenge S256 code challenge
	 */
	record Pkce(String verifier, String challenge) {

		static Pkce create() {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			return new Pkce(verifier, challengeOf(verifier));
		}

		static String challengeOf(String verifier) {
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256")
					.digest(verifier.getBytes(StandardCharsets.US_ASCII));
				return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
