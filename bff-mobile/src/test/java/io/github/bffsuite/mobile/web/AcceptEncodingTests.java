package io.github.bffsuite.mobile.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9110 12.5.3 content negotiation over the gateway's codings.
 */
class AcceptEncodingTests {

	private static final List<String> ALL = List.of("br", "zstd", "gzip", "deflate");

	@Test
	void neverPicksACodingWeightedZero() {
		assertThat(AcceptEncoding.negotiate("br;q=0, gzip", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("zstd;q=0, gzip", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("*;q=0", ALL)).isEqualTo("identity");
		assertThat(AcceptEncoding.negotiate("identity;q=0, *;q=0", ALL)).isEqualTo("identity");
	}

	@Test
	void picksTheHighestWeightAndBreaksTiesByTheServersOrder() {
		assertThat(AcceptEncoding.negotiate("br;q=0.1, gzip;q=0.9", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("gzip, deflate, zstd", ALL)).isEqualTo("zstd");
		assertThat(AcceptEncoding.negotiate("gzip;q=0.5, deflate;q=0.5", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("gzip;q=0.999, deflate;q=1.000", ALL)).isEqualTo("deflate");
		assertThat(AcceptEncoding.negotiate("br, gzip", List.of("gzip", "deflate"))).isEqualTo("gzip");
	}

	@Test
	void letsTheStarStandForEveryCodingNotListed() {
		assertThat(AcceptEncoding.negotiate("br;q=0, *", ALL)).isEqualTo("zstd");
		assertThat(AcceptEncoding.negotiate("*;q=0.5, deflate", ALL)).isEqualTo("deflate");
		assertThat(AcceptEncoding.negotiate("*;q=0.5, identity;q=0.6", ALL)).isEqualTo("identity");
	}

	@Test
	void treatsIdentityAsAcceptableUnlessExcluded() {
		assertThat(AcceptEncoding.negotiate("", ALL)).isEqualTo("identity");
		assertThat(AcceptEncoding.negotiate("compress", ALL)).isEqualTo("identity");
		assertThat(AcceptEncoding.negotiate("gzip;q=0.9, identity", ALL)).isEqualTo("identity");
		assertThat(AcceptEncoding.negotiate("gzip;q=0.9", ALL)).isEqualTo("gzip");
	}

	@Test
	void leavesOutMembersItCannotRead() {
		assertThat(AcceptEncoding.negotiate("br;q=abc, gzip", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("br;q=1.5, gzip;q=0.2", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("br;q, gzip", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("b r, \"gzip\", deflate", ALL)).isEqualTo("deflate");
		assertThat(AcceptEncoding.negotiate(" GZip ; Q = 0.5 , x-gzip;q=0.7", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate("br;level=5;q=0.3, gzip;q=0.2", ALL)).isEqualTo("br");
		assertThat(AcceptEncoding.negotiate(";;;, ,gzip;", ALL)).isEqualTo("gzip");
		assertThat(AcceptEncoding.negotiate(",,,", ALL)).isEqualTo("identity");
		assertThat(AcceptEncoding.negotiate(";", ALL)).isEqualTo("identity");
	}

}
