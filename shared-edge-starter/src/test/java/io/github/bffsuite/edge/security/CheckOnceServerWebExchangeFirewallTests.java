package io.github.bffsuite.edge.security;

import java.net.URI;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check-once firewall rejects what Spring Security's strict firewall rejects, once,
 * and hands the exchange on unwrapped.
 */
class CheckOnceServerWebExchangeFirewallTests {

	private final CheckOnceServerWebExchangeFirewall firewall = new CheckOnceServerWebExchangeFirewall();

	private final StrictServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

	@Test
	void handsOnTheSameExchangeWhenEverythingIsAllowed() {
		ServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/products/p-1?limit=2")
			.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTAwMSJ9.c2lnbmF0dXJl")
			.header("X-Note", "tab\tand caf\u00e9"));
		StepVerifier.create(this.firewall.getFirewalledExchange(exchange))
			.assertNext((checked) -> assertThat(checked).isSameAs(exchange))
			.verifyComplete();
	}

	@Test
	void rejectsPathConfusionLikeTheStrictFirewall() {
		for (String path : new String[] { "/api/products/../users/u-001", "/api/products;x=1", "/api/%2e%2e/users",
				"/api/products%2Fp-1", "/api//users", "/api/%252e%252e/users", "/api%5Cusers", "/api/%2E%2E/users" }) {
			assertRejected(MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://localhost" + path)).build());
		}
	}

	@Test
	void rejectsControlCharactersInHeaderValuesAndNames() {
		assertRejected(MockServerHttpRequest.get("/api/products").header("X-Evil", "a\u0001b").build());
		assertRejected(MockServerHttpRequest.get("/api/products").header("X-Evil", "a\u007fb").build());
		assertRejected(MockServerHttpRequest.get("/api/products").header("X-\u0002Evil", "a").build());
		assertRejected(MockServerHttpRequest.get("/api/products").header("X-Evil", "unassigned \u0378").build());
	}

	@Test
	void rejectsControlCharactersInQueryParameterNames() {
		assertRejected(MockServerHttpRequest.get("/api/products").queryParam("a\u0001b", "1").build());
	}

	@Test
	void decidesHeadersAsTheStrictFirewallsPredicatesDo() {
		for (String value : new String[] { "plain", "tab\there", "caf\u00e9", "a\u0001b", "line\nbreak", "\u0378",
				"\u2028", "emoji \ud83d\ude00" }) {
			boolean strictAllows = StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value);
			MockServerHttpRequest request = MockServerHttpRequest.get("/api/products").header("X-Value", value).build();
			boolean allowed = this.firewall.getFirewalledExchange(MockServerWebExchange.from(request))
				.map((exchange) -> true)
				.onErrorReturn(ServerExchangeRejectedException.class, false)
				.block();
			assertThat(allowed).as(value).isEqualTo(strictAllows);
		}
	}

	private void assertRejected(MockServerHttpRequest request) {
		StepVerifier.create(this.firewall.getFirewalledExchange(MockServerWebExchange.from(request)))
			.expectError(ServerExchangeRejectedException.class)
			.verify();
		// and the strict firewall agrees, on access at the latest
		StepVerifier.create(this.strict.getFirewalledExchange(MockServerWebExchange.from(request)).map((exchange) -> {
			exchange.getRequest().getHeaders().headerNames().forEach(exchange.getRequest().getHeaders()::get);
			exchange.getRequest().getQueryParams();
			return exchange;
		})).expectError(ServerExchangeRejectedException.class).verify();
	}

}
