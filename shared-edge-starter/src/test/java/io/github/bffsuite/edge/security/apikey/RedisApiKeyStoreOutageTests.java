package io.github.bffsuite.edge.security.apikey;

import java.time.Duration;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.EchoServer;
import io.github.bffsuite.edge.test.OwnNettyResources;
import io.github.bffsuite.edge.test.StubServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys in a Redis that does not answer: a request with a key gets a 503 problem
 * within the lookup timeout, never a hang and never a 500.
 */
class RedisApiKeyStoreOutageTests {

	static final EchoServer backend = new EchoServer();

	static final ConfigurableApplicationContext gateway = new SpringApplicationBuilder(EdgeTestApplication.class)
		.initializers(new OwnNettyResources())
		.run("--server.port=0", "--spring.data.redis.url=redis://127.0.0.1:" + StubServer.deadPort(),
				"--edge.security.mechanisms=api-key", "--edge.security.api-key.store=redis",
				"--edge.security.api-key.hash=hmac-sha256", "--edge.security.api-key.secret=test-only-secret",
				"--edge.security.api-key.redis-timeout=500ms",
				"--spring.cloud.gateway.server.webflux.routes[0].id=echo",
				"--spring.cloud.gateway.server.webflux.routes[0].uri=" + backend.url(),
				"--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/echo/**");

	@AfterAll
	static void stop() {
		gateway.close();
		backend.close();
	}

	@Test
	void answersServiceUnavailableWhenRedisDoesNotAnswer() {
		long started = System.nanoTime();
		String[] reply = WebClient
			.create("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
			.get()
			.uri("/echo/products")
			.header("X-API-Key", ApiKeyHasher.generate("bffk_test"))
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> new String[] { Integer.toString(response.statusCode().value()),
						response.headers().contentType().map(Object::toString).orElse(""), body }))
			.block(Duration.ofSeconds(30));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
		assertThat(reply[0]).isEqualTo("503");
		assertThat(reply[1]).startsWith("application/problem+json");
		assertThat(reply[2]).contains("/problems/credentials-unavailable").doesNotContain("Exception");
		assertThat(backend.received()).isEmpty();
	}

}
