package io.github.bffsuite.edge.tls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HttpsRedirectServer}'s reading of the {@code Host} header: only a host
 * name or address (and a numeric port, dropped) may reach the redirect's Location.
 */
class HttpsRedirectServerTests {

	@Test
	void keepsTheHostAndDropsThePort() {
		assertThat(HttpsRedirectServer.host("localhost:8079")).isEqualTo("localhost");
		assertThat(HttpsRedirectServer.host("api.example.com")).isEqualTo("api.example.com");
		assertThat(HttpsRedirectServer.host("127.0.0.1:80")).isEqualTo("127.0.0.1");
		assertThat(HttpsRedirectServer.host("[::1]:8079")).isEqualTo("[::1]");
		assertThat(HttpsRedirectServer.host("[::1]")).isEqualTo("[::1]");
	}

	@Test
	void refusesAnythingElse() {
		assertThat(HttpsRedirectServer.host(null)).isNull();
		assertThat(HttpsRedirectServer.host("")).isNull();
		assertThat(HttpsRedirectServer.host("evil.example/phish")).isNull();
		assertThat(HttpsRedirectServer.host("user@evil.example")).isNull();
		assertThat(HttpsRedirectServer.host("localhost:80x")).isNull();
		assertThat(HttpsRedirectServer.host("a b")).isNull();
		assertThat(HttpsRedirectServer.host("evil.example\\@good")).isNull();
	}

}
