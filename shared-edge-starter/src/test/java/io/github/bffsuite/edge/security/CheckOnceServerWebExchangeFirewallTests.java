package io.github.bffsuite.edge.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;

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

	@Test
	void theStrictFirewallRegistersOneCommitActionTheLineBreakCheck() {
		// the fast path replaces exactly this action with its own check: if a Spring
		// Security upgrade registers more, or another one, this fails first
		List<Supplier<? extends Mono<Void>>> actions = new ArrayList<>();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/products"));
		ServerWebExchange recording = new ServerWebExchangeDecorator(exchange) {
			@Override
			public ServerHttpResponse getResponse() {
				return new ServerHttpResponseDecorator(exchange.getResponse()) {
					@Override
					public void beforeCommit(Supplier<? extends Mono<Void>> action) {
						actions.add(action);
					}
				};
			}
		};
		this.strict.getFirewalledExchange(recording).block();
		assertThat(actions).hasSize(1);
		exchange.getResponse().getHeaders().set("X-Fine", "value");
		StepVerifier.create(actions.get(0).get()).verifyComplete();
		exchange.getResponse().getHeaders().set("X-Split", "a\r\nSet-Cookie: evil");
		StepVerifier.create(actions.get(0).get())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Invalid characters (CR/LF) in header X-Split"))
			.verify();
	}

	@Test
	void theFastPathChecksResponseHeadersForLineBreaksAsTheStrictFirewallDoes() {
		for (String[] header : new String[][] { { "X-Split", "a\r\nSet-Cookie: evil" }, { "X-Split", "a\nb" },
				{ "X-Split", "a\rb" }, { "X-Sp\nlit", "a" } }) {
			MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/products"));
			assertThat(this.firewall.checkNow(exchange)).isTrue();
			exchange.getResponse().getHeaders().set(header[0], header[1]);
			StepVerifier.create(exchange.getResponse().setComplete())
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
					.hasMessage("Invalid characters (CR/LF) in header " + header[0]))
				.verify();
		}
		MockServerWebExchange fine = MockServerWebExchange.from(MockServerHttpRequest.get("/api/products"));
		assertThat(this.firewall.checkNow(fine)).isTrue();
		fine.getResponse().getHeaders().set("X-Fine", "tab\tand caf\u00e9");
		StepVerifier.create(fine.getResponse().setComplete()).verifyComplete();
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
