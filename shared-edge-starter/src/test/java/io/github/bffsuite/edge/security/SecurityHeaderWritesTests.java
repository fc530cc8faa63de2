package io.github.bffsuite.edge.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path's security header writes give exactly the headers Spring Security's own
 * writers give, for every writer they compile, and leave any other writer to Spring
 * Security.
 */
class SecurityHeaderWritesTests {

	private static final List<Consumer<MockServerWebExchange>> RESPONSES = List.of((exchange) -> {
	}, (exchange) -> exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED),
			(exchange) -> exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND),
			(exchange) -> exchange.getResponse().getHeaders().setCacheControl("public, max-age=60"),
			(exchange) -> exchange.getResponse().getHeaders().set("pragma", "x"),
			(exchange) -> exchange.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN"),
			(exchange) -> exchange.getResponse().getHeaders().set("Strict-Transport-Security", "max-age=1"),
			(exchange) -> exchange.getResponse().getHeaders().set("X-Content-Type-Options", "other"));

	private static final List<String> URLS = List.of("http://edge.test/a", "https://edge.test/a",
			"HTTPS://edge.test/a");

	@Test
	void defaultHeadersAreCompiledAndWriteWhatSpringSecurityWrites() {
		HttpHeaderWriterWebFilter filter = headerFilter(ServerHttpSecurity.http().headers(Customizer.withDefaults()));
		WebFilter fast = SecurityHeaderWrites.forFastPath(filter);
		assertThat(fast).isInstanceOf(SecurityHeaderWrites.CompiledFilter.class);
		assertSameHeaders(filter, fast);
		// the comparison would not notice writers that both wrote nothing
		assertThat(written(fast, URLS.get(1), RESPONSES.get(0))).containsKeys("cache-control", "pragma", "expires",
				"x-content-type-options", "x-frame-options", "x-xss-protection", "strict-transport-security");
	}

	@Test
	void customizedKnownWritersAreCompiledAndWriteWhatSpringSecurityWrites() {
		HttpHeaderWriterWebFilter filter = headerFilter(ServerHttpSecurity.http()
			.headers((headers) -> headers.frameOptions((frame) -> frame.mode(Mode.SAMEORIGIN))
				.hsts((hsts) -> hsts.includeSubdomains(false).preload(true))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN))
				.xssProtection((xss) -> xss.disable())
				.cache((cache) -> cache.disable())));
		WebFilter fast = SecurityHeaderWrites.forFastPath(filter);
		assertThat(fast).isInstanceOf(SecurityHeaderWrites.CompiledFilter.class);
		assertSameHeaders(filter, fast);
		assertThat(written(fast, URLS.get(1), RESPONSES.get(0))).containsEntry("x-frame-options", List.of("SAMEORIGIN"))
			.containsEntry("referrer-policy", List.of("strict-origin"))
			.doesNotContainKeys("cache-control", "x-xss-protection");
	}

	@Test
	void policyWritersAreCompiledAndWriteWhatSpringSecurityWrites() {
		HttpHeaderWriterWebFilter filter = headerFilter(ServerHttpSecurity.http()
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'"))
				.permissionsPolicy((permissions) -> permissions.policy("geolocation=()"))
				.crossOriginOpenerPolicy(Customizer.withDefaults())
				.crossOriginEmbedderPolicy(Customizer.withDefaults())
				.crossOriginResourcePolicy(Customizer.withDefaults())));
		WebFilter fast = SecurityHeaderWrites.forFastPath(filter);
		assertThat(fast).isInstanceOf(SecurityHeaderWrites.CompiledFilter.class);
		assertSameHeaders(filter, fast);
		assertThat(written(fast, URLS.get(0), RESPONSES.get(0))).containsKeys("content-security-policy",
				"permissions-policy");
	}

	@Test
	void anUnknownWriterKeepsSpringSecurityFilter() {
		HttpHeaderWriterWebFilter filter = headerFilter(
				ServerHttpSecurity.http().headers((headers) -> headers.writer((exchange) -> Mono.empty())));
		assertThat(SecurityHeaderWrites.forFastPath(filter)).isSameAs(filter);
		assertThat(SecurityHeaderWrites.forFastPath(null)).isNull();
	}

	private static void assertSameHeaders(WebFilter spring, WebFilter fast) {
		for (String url : URLS) {
			for (Consumer<MockServerWebExchange> response : RESPONSES) {
				assertThat(written(fast, url, response)).as("%s %s", url, response)
					.isEqualTo(written(spring, url, response));
			}
		}
	}

	private static Map<String, List<String>> written(WebFilter filter, String url,
			Consumer<MockServerWebExchange> response) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
		filter.filter(exchange, (filtered) -> {
			response.accept(exchange);
			return Mono.empty();
		}).block();
		exchange.getResponse().setComplete().block();
		Map<String, List<String>> headers = new TreeMap<>();
		HttpHeaders written = exchange.getResponse().getHeaders();
		written.forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
		return headers;
	}

	private static HttpHeaderWriterWebFilter headerFilter(ServerHttpSecurity http) {
		return http.build()
			.getWebFilters()
			.filter(HttpHeaderWriterWebFilter.class::isInstance)
			.cast(HttpHeaderWriterWebFilter.class)
			.blockFirst();
	}

}
