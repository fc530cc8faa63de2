package io.github.bffsuite.edge.identity;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RequireCallerParameterGatewayFilterFactory}: a query parameter that names a user
 * may only name the caller.
 */
class RequireCallerParameterGatewayFilterFactoryTests {

	private final GatewayFilter filter = new RequireCallerParameterGatewayFilterFactory()
		.apply(new RequireCallerParameterGatewayFilterFactory.Config().setName("userId"));

	private static final EdgePrincipal BOB = new EdgePrincipal(EdgePrincipal.Kind.USER, "u-004", "acme", "web-app",
			Set.of("products:read"), Set.of("user"), null);

	private static final EdgePrincipal PARTNER = new EdgePrincipal(EdgePrincipal.Kind.CLIENT, null, "acme",
			"partner-acme", Set.of("products:read"), Set.of(), null);

	@Test
	void passesRequestsThatNameTheCallerOrNobody() {
		assertThat(passes("/products/recommended?userId=u-004&limit=5", BOB)).isTrue();
		assertThat(passes("/products/recommended?userId=u-004&userId=u-004", BOB)).isTrue();
		assertThat(passes("/products/recommended?limit=5", BOB)).isTrue();
		assertThat(passes("/products?q=a", null)).isTrue();
	}

	@Test
	void refusesRequestsThatNameSomeoneElse() {
		for (String uri : new String[] { "/products/recommended?userId=u-001", "/products/recommended?userId=U-004",
				"/products/recommended?userId=u-004&userId=u-001", "/products/recommended?userId=",
				"/products/recommended?userId=u%2D001" }) {
			assertThatExceptionOfType(ErrorResponseException.class).as(uri)
				.isThrownBy(() -> passes(uri, BOB))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode().value()).isEqualTo(403);
					assertThat(ex.getBody().getType()).hasToString("https://bff-suite.dev/problems/forbidden");
				});
		}
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> passes("/products/recommended?userId=u-004", PARTNER));
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> passes("/products/recommended?userId=u-004", null));
	}

	private boolean passes(String uri, @Nullable EdgePrincipal caller) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(uri).build());
		if (caller != null) {
			exchange.getAttributes().put(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE, caller);
		}
		AtomicBoolean passed = new AtomicBoolean();
		this.filter.filter(exchange, (next) -> Mono.fromRunnable(() -> passed.set(true))).block();
		return passed.get();
	}

}
