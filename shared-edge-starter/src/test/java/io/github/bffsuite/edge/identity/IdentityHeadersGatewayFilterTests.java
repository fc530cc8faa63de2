package io.github.bffsuite.edge.identity;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header side of {@link IdentityHeadersGatewayFilter}: what the downstream request of
 * a route carries.
 */
class IdentityHeadersGatewayFilterTests {

	private final IdentityHeadersGatewayFilter filter = new IdentityHeadersGatewayFilter();

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x")
		.header("X-User-ID", "u-666")
		.header("x_tenant_id", "globex")
		.header("X-Scopes", "admin:write")
		.header("Accept", "application/json")
		.build());

	@Test
	void anonymousRequestsCarryNoIdentityHeaders() {
		HttpHeaders headers = this.filter.filter(this.exchange.getRequest().getHeaders(), this.exchange);
		assertThat(headers.headerNames()).containsExactly("Accept");
	}

	@Test
	void authenticatedRequestsCarryThePrincipalsHeadersOnly() {
		this.exchange.getAttributes()
			.put(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE, new EdgePrincipal(EdgePrincipal.Kind.USER, "u-001",
					"acme", null, Set.of("orders:read", "users:read"), Set.of(), null));
		HttpHeaders headers = this.filter.filter(this.exchange.getRequest().getHeaders(), this.exchange);
		assertThat(headers.get("X-User-ID")).containsExactly("u-001");
		assertThat(headers.get("X-Tenant-ID")).containsExactly("acme");
		assertThat(headers.get("X-Scopes")).containsExactly("orders:read users:read");
		assertThat(headers.get("Accept")).containsExactly("application/json");
		assertThat(headers.headerNames().stream().filter(IdentityHeaders::isIdentityHeader)).hasSize(3);
	}

	@Test
	void theGatewaysOwnRequestIsLeftAlone() {
		this.filter.filter(this.exchange.getRequest().getHeaders(), this.exchange);
		assertThat(this.exchange.getRequest().getHeaders().getFirst("X-User-ID")).isEqualTo("u-666");
		assertThat(this.filter.supports(HttpHeadersFilter.Type.REQUEST)).isTrue();
		assertThat(this.filter.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
	}

}
