package io.github.bffsuite.mobile;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app-version gate set to refuse requests without a usable version.
 */
@TestPropertySource(properties = "edge.mobile.app-version.missing=refuse")
class AppVersionRefusalTests extends MobileGatewayTestSupport {

	@Test
	void refusesARequestWithoutAVersion() {
		this.client.get()
			.uri("/mobile/v1/home")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/app-version-required")
			.jsonPath("$.header")
			.isEqualTo("X-App-Version");
		assertThat(backends.requests()).isEmpty();
	}

	@Test
	void refusesAMalformedVersionOrAnUnknownPlatform() {
		for (String version : new String[] { "5.2.0", "ios/five", "ios/", "windows/5.2.0", "ios/5.2.0; rm -rf" }) {
			this.client.get()
				.uri("/mobile/v1/home")
				.headers(alice())
				.header("X-App-Version", version)
				.exchange()
				.expectStatus()
				.isBadRequest();
		}
	}

	@Test
	void servesAKnownVersion() {
		this.client.get()
			.uri("/mobile/v1/home")
			.headers(alice())
			.header("X-App-Version", "android/6.0")
			.exchange()
			.expectStatus()
			.isOk();
	}

}
