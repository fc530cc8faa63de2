package io.github.bffsuite.edge.identity;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import com.nimbusds.jwt.SignedJWT;
import io.github.bffsuite.edge.web.RequestIdWebFilter;

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
		.header("Edge-Identity", "forged")
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

	@Test
	void withASignerOnlyARequestWithACallerAndADownstreamCarriesASignedIdentity() throws Exception {
		IdentityTokenSigner signer = new IdentityTokenSigner((ECPrivateKey) IdentityTokenSignerTests.keys.getPrivate(),
				"bff-web", "bff-web", Duration.ofSeconds(30), Clock.systemUTC());
		IdentityHeadersGatewayFilter signing = new IdentityHeadersGatewayFilter(signer, "Edge-Identity");
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/api/x").header("Edge-Identity", "forged").build());
		exchange.getAttributes().put(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, "order-service");
		exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, "req-9");
		// no caller: no signed identity, and the client's own header is not passed on
		assertThat(signing.filter(exchange.getRequest().getHeaders(), exchange).get("Edge-Identity")).isNull();
		exchange.getAttributes().put(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE, IdentityTokenSignerTests.ALICE);
		String token = signing.filter(exchange.getRequest().getHeaders(), exchange).getFirst("Edge-Identity");
		assertThat(IdentityTokenSignerTests.verified(token).getAudience()).containsExactly("order-service");
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("rid")).isEqualTo("req-9");
		// a route without CallDownstream names no service: nothing to sign for
		exchange.getAttributes().remove(IdentityTokenSigner.AUDIENCE_ATTRIBUTE);
		assertThat(signing.filter(exchange.getRequest().getHeaders(), exchange).get("Edge-Identity")).isNull();
	}

}
