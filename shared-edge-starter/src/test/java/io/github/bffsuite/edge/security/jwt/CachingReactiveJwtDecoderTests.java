package io.github.bffsuite.edge.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The validated-token cache in front of the edge's real decoder (RS256 tokens checked
 * against a JWKS served over HTTP).
 */
class CachingReactiveJwtDecoderTests {

	private static final Duration SKEW = Duration.ZERO;

	private final TestKeys keys = new TestKeys();

	private final JwksServer jwks = new JwksServer(this.keys);

	private final AtomicInteger validations = new AtomicInteger();

	@AfterEach
	void close() {
		this.jwks.close();
	}

	@Test
	void validatesARepeatedTokenOnce() {
		CachingReactiveJwtDecoder decoder = caching(Duration.ofMinutes(5));
		String token = this.keys.token().build();
		Jwt first = decode(decoder, token);
		Jwt second = decode(decoder, token);
		assertThat(second.getSubject()).isEqualTo("u-001");
		assertThat(second).isSameAs(first);
		assertThat(this.validations).hasValue(1);
		assertThat(decoder.cache().stats().hitCount()).isEqualTo(1);
	}

	@Test
	void neverServesATamperedTokenFromTheCache() {
		CachingReactiveJwtDecoder decoder = caching(Duration.ofMinutes(5));
		String token = this.keys.token().build();
		decode(decoder, token);
		String[] parts = token.split("\\.");
		String otherClaims = this.keys.token().claim("roles", List.of("admin")).build().split("\\.")[1];
		String tampered = parts[0] + "." + otherClaims + "." + parts[2];
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(decoder, tampered));
		assertThat(this.validations).hasValue(2);
	}

	@Test
	void doesNotRememberRejectedTokens() {
		CachingReactiveJwtDecoder decoder = caching(Duration.ofMinutes(5));
		String wrongAudience = this.keys.token().audience("someone-else").build();
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(decoder, wrongAudience));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(decoder, wrongAudience));
		assertThat(this.validations).hasValue(2);
		assertThat(decoder.cache().estimatedSize()).isZero();
	}

	@Test
	void forgetsATokenWhenItExpires() throws InterruptedException {
		CachingReactiveJwtDecoder decoder = caching(Duration.ofMinutes(5));
		String token = this.keys.token().expiresIn(Duration.ofMillis(1500)).build();
		decode(decoder, token);
		decode(decoder, token);
		assertThat(this.validations).hasValue(1);
		Thread.sleep(2000);
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> decode(decoder, token))
			.withMessageContaining("expired");
		assertThat(this.validations).hasValue(2);
	}

	@Test
	void revalidatesAfterTheTtlEvenBeforeExpiry() throws InterruptedException {
		CachingReactiveJwtDecoder decoder = caching(Duration.ofMillis(300));
		String token = this.keys.token().build();
		decode(decoder, token);
		Thread.sleep(600);
		decode(decoder, token);
		assertThat(this.validations).hasValue(2);
	}

	private static Jwt decode(ReactiveJwtDecoder decoder, String token) {
		return decoder.decode(token).block(Duration.ofSeconds(5));
	}

	private CachingReactiveJwtDecoder caching(Duration ttl) {
		EdgeJwtProperties properties = new EdgeJwtProperties();
		properties.setIssuerUri("http://issuer.test");
		properties.setJwkSetUri(this.jwks.uri());
		properties.setAudiences(List.of("bff-test"));
		properties.setClockSkew(SKEW);
		CachingJwksSource source = new CachingJwksSource(WebClient.create(), properties.getIssuerUri(),
				properties.getJwkSetUri(), Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
				Clock.systemUTC());
		ReactiveJwtDecoder real = EdgeJwtDecoders.create(properties, source);
		ReactiveJwtDecoder counting = (token) -> Mono.defer(() -> {
			this.validations.incrementAndGet();
			return real.decode(token);
		});
		return new CachingReactiveJwtDecoder(counting, 100, ttl, SKEW, Clock.systemUTC());
	}

}
