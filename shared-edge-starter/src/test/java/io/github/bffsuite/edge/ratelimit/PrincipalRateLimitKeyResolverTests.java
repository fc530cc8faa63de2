package io.github.bffsuite.edge.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.bffsuite.edge.identity.EdgePrincipal;
import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys built by {@link PrincipalRateLimitKeyResolver}.
 */
class PrincipalRateLimitKeyResolverTests {

	final PrincipalRateLimitKeyResolver resolver = new PrincipalRateLimitKeyResolver(
			new ClientAddressResolver(List.of()));

	final MockServerWebExchange exchange = MockServerWebExchange
		.from(MockServerHttpRequest.get("/").remoteAddress(new InetSocketAddress("203.0.113.5", 40000)));

	final EdgePrincipal user = new EdgePrincipal(EdgePrincipal.Kind.USER, "u-1", "t-1", "web", Set.of(), Set.of(),
			null);

	static RateLimitPolicy policy(RateLimitKey... key) {
		return new RateLimitPolicy("p", 10, 10, Duration.ofSeconds(1), List.of(), new LinkedHashSet<>(List.of(key)),
				RedisFailureMode.LOCAL_FALLBACK, 1);
	}

	@Test
	void usesTheBareValueOfASinglePart() {
		assertThat(this.resolver.resolve(policy(RateLimitKey.USER), this.exchange, "r", this.user)).isEqualTo("u-1");
		assertThat(this.resolver.resolve(policy(RateLimitKey.IP), this.exchange, "r", null)).isEqualTo("203.0.113.5");
	}

	@Test
	void namesEachPartOfACombinedKeyInAFixedOrder() {
		assertThat(this.resolver.resolve(policy(RateLimitKey.ROUTE, RateLimitKey.TENANT), this.exchange, "orders",
				this.user))
			.isEqualTo("tenant=t-1|route=orders");
	}

	@Test
	void hashesKeysLongerThan128Characters() {
		String key = this.resolver.resolve(policy(RateLimitKey.ROUTE), this.exchange, "r".repeat(129), null);
		assertThat(key).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void resolvesNoKeyWhenAPartIsMissing() {
		assertThat(this.resolver.resolve(policy(RateLimitKey.USER), this.exchange, "r", null)).isNull();
	}

}
