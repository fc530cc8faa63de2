package io.github.bffsuite.edge.web;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.accept.ApiVersionDeprecationHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deprecation headers as RFC 9745, RFC 8594 and RFC 9110 write them.
 */
class DeprecationHeadersTests {

	private static final Instant DEPRECATED = Instant.parse("2026-09-01T00:00:00Z");

	private static final Instant SUNSET = Instant.parse("2027-03-01T00:00:00Z");

	@Test
	void writesTheSunsetAsAnImfFixdateWithATwoDigitDay() {
		assertThat(DeprecationHeaders.sunset(SUNSET)).isEqualTo("Mon, 01 Mar 2027 00:00:00 GMT");
		assertThat(DeprecationHeaders.sunset(Instant.parse("2027-11-30T23:59:59.999Z")))
			.isEqualTo("Tue, 30 Nov 2027 23:59:59 GMT");
		// and Spring's own HTTP-date parser reads it back
		HttpHeaders headers = new HttpHeaders();
		headers.set("Sunset", DeprecationHeaders.sunset(SUNSET));
		assertThat(headers.getFirstDate("Sunset")).isEqualTo(SUNSET.toEpochMilli());
		assertThat(ZonedDateTime.parse(DeprecationHeaders.sunset(SUNSET), DateTimeFormatter.RFC_1123_DATE_TIME)
			.toInstant()).isEqualTo(SUNSET);
	}

	@Test
	void writesTheDeprecationAsAStructuredFieldDate() {
		assertThat(DeprecationHeaders.deprecation(DEPRECATED)).isEqualTo("@1788220800");
		assertThat(DeprecationHeaders.deprecation(DEPRECATED.plusMillis(999))).isEqualTo("@1788220800");
	}

	@Test
	void writesEveryHeaderWithTheLinksInTheirOrder() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.LINK, "<https://example.com/other>; rel=\"help\"");
		headers.set("Sunset", "stale");
		DeprecationHeaders.deprecatedAt(DEPRECATED)
			.sunsetAt(SUNSET)
			.link(URI.create("https://docs.example.com/deprecations/v1"), "deprecation", "text/html")
			.link(null, "sunset", null)
			.link(URI.create("https://docs.example.com/v2"), "successor-version", null)
			.writeTo(headers);
		assertThat(headers.get("Deprecation")).containsExactly("@1788220800");
		assertThat(headers.get("Sunset")).containsExactly("Mon, 01 Mar 2027 00:00:00 GMT");
		assertThat(headers.get(HttpHeaders.LINK)).containsExactly("<https://example.com/other>; rel=\"help\"",
				"<https://docs.example.com/deprecations/v1>; rel=\"deprecation\"; type=\"text/html\"",
				"<https://docs.example.com/v2>; rel=\"successor-version\"");
	}

	@Test
	void writesFromAnApiVersionDeprecationHandler() {
		// what a versioned controller's handler would do instead of Spring's standard one
		DeprecationHeaders v1 = DeprecationHeaders.deprecatedAt(DEPRECATED)
			.sunsetAt(SUNSET)
			.link(URI.create("https://docs.example.com/v2"), "successor-version", null);
		ApiVersionDeprecationHandler handler = (version, target, exchange) -> {
			if ("1".equals(version)) {
				v1.writeTo(exchange.getResponse().getHeaders());
			}
		};
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/partner/v1/orders"));
		handler.handleVersion("1", new Object(), exchange);
		assertThat(exchange.getResponse().getHeaders().getFirst("Sunset")).isEqualTo("Mon, 01 Mar 2027 00:00:00 GMT");
		assertThat(exchange.getResponse().getHeaders().getFirst("Deprecation")).isEqualTo("@1788220800");
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.LINK))
			.isEqualTo("<https://docs.example.com/v2>; rel=\"successor-version\"");
	}

	@Test
	void leavesTheSunsetOutWhenThereIsNone() {
		HttpHeaders headers = new HttpHeaders();
		DeprecationHeaders.deprecatedAt(DEPRECATED).sunsetAt(null).writeTo(headers);
		assertThat(headers.containsHeader("Sunset")).isFalse();
		assertThat(headers.containsHeader(HttpHeaders.LINK)).isFalse();
		assertThat(headers.getFirst("Deprecation")).isEqualTo("@1788220800");
	}

}
