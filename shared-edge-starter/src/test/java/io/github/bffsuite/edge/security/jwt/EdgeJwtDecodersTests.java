package io.github.bffsuite.edge.security.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeJwtDecodersTests {

	private final TestKeys keys = new TestKeys();

	private final JwksServer jwks = new JwksServer(this.keys);

	@AfterEach
	void close() {
		this.jwks.close();
	}

	@Test
	void decodesTokenSignedWithPublishedKey() {
		NimbusReactiveJwtDecoder decoder = decoder();
		Jwt jwt = decoder.decode(this.keys.token().build()).block(Duration.ofSeconds(5));
		assertThat(jwt.getSubject()).isEqualTo("u-001");
		assertThat(this.jwks.fetches()).isEqualTo(1);
	}

	private NimbusReactiveJwtDecoder decoder() {
		EdgeJwtProperties properties = new EdgeJwtProperties();
		properties.setIssuerUri("http://issuer.test");
		properties.setJwkSetUri(this.jwks.uri());
		properties.setAudiences(List.of("bff-test"));
		CachingJwksSource source = new CachingJwksSource(WebClient.create(), properties.getIssuerUri(),
				properties.getJwkSetUri(), Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(1),
				Clock.systemUTC());
		return EdgeJwtDecoders.create(properties, source);
	}

}
