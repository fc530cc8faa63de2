package io.github.bffsuite.edge.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Client IPs from the peer address and trusted proxies' X-Forwarded-For.
 */
class ClientAddressResolverTests {

	final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "192.168.1.10"));

	static MockServerHttpRequest from(String peer, String... forwardedFor) {
		return MockServerHttpRequest.get("/")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

	@Test
	void ignoresForwardedForFromUntrustedPeers() {
		assertThat(this.resolver.resolve(from("203.0.113.5", "198.51.100.1"))).isEqualTo("203.0.113.5");
	}

	@Test
	void takesTheNearestUntrustedHopBehindTrustedProxies() {
		assertThat(this.resolver.resolve(from("10.1.2.3", "6.6.6.6, 198.51.100.1, 192.168.1.10")))
			.isEqualTo("198.51.100.1");
		assertThat(this.resolver.resolve(from("10.1.2.3", "6.6.6.6", "198.51.100.2"))).isEqualTo("198.51.100.2");
	}

	@Test
	void neverResolvesHostNamesAndStopsAtGarbage() {
		assertThat(this.resolver.resolve(from("10.1.2.3", "198.51.100.1, evil.example"))).isEqualTo("10.1.2.3");
	}

	@Test
	void usesTheLastTrustedHopWhenAllHopsAreTrusted() {
		assertThat(this.resolver.resolve(from("10.1.2.3", "10.9.9.9"))).isEqualTo("10.9.9.9");
	}

	@Test
	void trustsIpv6Ranges() {
		ClientAddressResolver resolver = new ClientAddressResolver(List.of("2001:db8::/32"));
		assertThat(resolver.resolve(from("2001:db8::1", "198.51.100.7"))).isEqualTo("198.51.100.7");
		assertThat(resolver.resolve(from("2001:db9::1", "198.51.100.7"))).isEqualTo("2001:db9:0:0:0:0:0:1");
	}

	@Test
	void rejectsInvalidRanges() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("10.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("proxy.example")));
	}

}
