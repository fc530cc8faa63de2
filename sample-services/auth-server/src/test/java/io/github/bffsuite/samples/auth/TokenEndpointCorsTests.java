package io.github.bffsuite.samples.auth;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token endpoint answers CORS for the gateways' pages (bff-partner's Swagger UI asks
 * for a client-credentials token from its own origin), and only for them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TokenEndpointCorsTests {

	private static final String SWAGGER_UI = "http://localhost:8082";

	@LocalServerPort
	private int port;

	private OAuthTestClient oauth;

	@BeforeEach
	void setUp() {
		this.oauth = new OAuthTestClient(this.port);
	}

	@Test
	void answersThePreflightOfAGatewayOriginInsteadOfRedirectingToLogin() {
		this.oauth.http()
			.options()
			.uri("/oauth2/token")
			.header(HttpHeaders.ORIGIN, SWAGGER_UI)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,x-requested-with")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SWAGGER_UI)
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, (methods) -> assertThat(methods).contains("POST"))
			.expectHeader()
			.value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
					(headers) -> assertThat(headers.toLowerCase()).contains("authorization", "content-type"))
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS)
			.expectHeader()
			.doesNotExist(HttpHeaders.LOCATION);
	}

	@Test
	void issuesTheTokenToACrossOriginPostWithTheCorsHeader() {
		Map<String, Object> tokens = this.oauth.http()
			.post()
			.uri("/oauth2/token")
			.header(HttpHeaders.ORIGIN, SWAGGER_UI)
			.headers((headers) -> headers.setBasicAuth("partner-acme", "partner-acme-secret"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("grant_type", "client_credentials"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SWAGGER_UI)
			.expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(tokens).containsKey("access_token");
	}

	@Test
	void refusesThePreflightOfAnyOtherOrigin() {
		this.oauth.http()
			.options()
			.uri("/oauth2/token")
			.header(HttpHeaders.ORIGIN, "https://evil.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	@Test
	void answersNoCorsOnTheOtherEndpoints() {
		this.oauth.http()
			.options()
			.uri("/oauth2/jwks")
			.header(HttpHeaders.ORIGIN, SWAGGER_UI)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

}
