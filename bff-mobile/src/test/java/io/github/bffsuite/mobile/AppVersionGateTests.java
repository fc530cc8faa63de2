package io.github.bffsuite.mobile;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app-version gate as application.yml configures it (iOS and Android: minimum 5.0.0,
 * soft minimum 5.2.0, missing header allowed), through the running gateway.
 */
class AppVersionGateTests extends MobileGatewayTestSupport {

	@Test
	void refusesAnAppOlderThanTheMinimumBeforeAnyCall() {
		this.client.get()
			.uri("/mobile/v1/home")
			.header("X-App-Version", "ios/4.9.12")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("https://bff-suite.dev/problems/app-update-required")
			.jsonPath("$.minimumVersion")
			.isEqualTo("5.0.0")
			.jsonPath("$.version")
			.isEqualTo("4.9.12")
			.jsonPath("$.platform")
			.isEqualTo("ios")
			.jsonPath("$.updateUrl")
			.isEqualTo("https://apps.apple.com/app/bff-suite-shop/id0000000000")
			.jsonPath("$.requestId")
			.exists();
		assertThat(backends.requests()).isEmpty();
	}

	@Test
	void theGateHoldsOnTheEdgeFastPath(@Autowired MeterRegistry registry) {
		// the gate stands between the edge's first filters and its security chain: on the
		// fast path (a token already validated) it still runs, before the caller is known
		String token = token("u-001", "acme");
		double before = registry.get("edge.fastpath.requests").tag("path", "fast").counter().count();
		for (int i = 0; i < 3; i++) {
			this.client.get()
				.uri("/mobile/v1/products/p-0001")
				.headers((headers) -> headers.setBearerAuth(token))
				.header("X-App-Version", "Android/5.1.3")
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.valueEquals("Deprecation", "@1788220800");
			this.client.get()
				.uri("/mobile/v1/products/p-0001")
				.headers((headers) -> headers.setBearerAuth(token))
				.header("X-App-Version", "ios/4.9.12")
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody()
				.jsonPath("$.type")
				.isEqualTo("https://bff-suite.dev/problems/app-update-required");
		}
		assertThat(registry.get("edge.fastpath.requests").tag("path", "fast").counter().count() - before).isEqualTo(5);
	}

	@Test
	void marksResponsesToAnAppBelowTheSoftMinimumAsDeprecated() {
		this.client.get()
			.uri("/mobile/v1/products/p-0001")
			.headers(alice())
			.header("X-App-Version", "Android/5.1.3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("Deprecation", "@1788220800")
			.expectHeader()
			// RFC 9110 IMF-fixdate: a two-digit day
			.valueEquals("Sunset", "Mon, 01 Mar 2027 00:00:00 GMT")
			.expectHeader()
			.valueEquals("Link",
					"<https://play.google.com/store/apps/details?id=dev.bffsuite.shop>; rel=\"deprecation\"");
	}

	@Test
	void servesACurrentAppWithoutDeprecation() {
		this.client.get()
			.uri("/mobile/v1/products/p-0001")
			.headers(alice())
			.header("X-App-Version", "ios/5.2.0+build.77")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Deprecation")
			.expectHeader()
			.doesNotExist("Sunset");
	}

	@Test
	void allowsARequestWithoutAVersionAsConfigured() {
		this.client.get()
			.uri("/mobile/v1/products/p-0001")
			.headers(alice())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Deprecation");
	}

	@Test
	void leavesThePassThroughRoutesAlone() {
		this.client.get()
			.uri("/api/products/p-0001")
			.headers((headers) -> headers.setBearerAuth(keys.token()
				.audience("bff-mobile")
				.claim("scope", "products:read")
				.claim("client_id", "mobile-app")
				.build()))
			.header("X-App-Version", "ios/1.0.0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.stock")
			.isEqualTo(1);
	}

}
