package io.github.bffsuite.edge.downstream.cache;

import java.util.Map;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import io.github.bffsuite.edge.test.GatewayTestFixture;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response cache in a running gateway: the tenant and user come from real signed
 * tokens, through the identity filter of the downstream's {@code WebClient}, never from
 * the caller's headers.
 */
@SpringBootTest(classes = DownstreamResponseCacheIntegrationTests.App.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "edge.security.jwt.issuer-uri=http://issuer.test", "edge.security.jwt.audiences=bff-test",
				"edge.downstream.services.catalog.cache.enabled=true" })
class DownstreamResponseCacheIntegrationTests {

	static final TestKeys keys = new TestKeys();

	static final JwksServer jwks = new JwksServer(keys);

	static final CacheStubServer service = new CacheStubServer();

	@LocalServerPort
	int port;

	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("edge.security.jwt.jwk-set-uri", jwks::uri);
		registry.add("edge.downstream.services.catalog.base-url", service::baseUrl);
	}

	@AfterAll
	static void stop() {
		service.close();
	}

	@BeforeEach
	void bindClient() {
		this.client = GatewayTestFixture.client(this.port);
	}

	@Test
	void keysEntriesByTheTenantAndUserOfTheToken() {
		answer("catalogue", "public, max-age=60");
		answer("favourites", "private, max-age=60");
		for (int i = 0; i < 2; i++) {
			assertThat(via("catalogue", "acme", "u-1")).contains("tenant acme");
			assertThat(via("catalogue", "globex", "u-1")).contains("tenant globex");
			// an inbound identity header never reaches the key: the edge strips it
			assertThat(this.client.get()
				.uri("/via/catalogue")
				.headers((headers) -> headers.setBearerAuth(token("acme", "u-2")))
				.header("X-Tenant-ID", "globex")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()).contains("tenant acme");
			assertThat(via("favourites", "acme", "u-1")).contains("user u-1");
			assertThat(via("favourites", "acme", "u-2")).contains("user u-2");
		}
		assertThat(service.count("/catalogue")).isEqualTo(2);
		assertThat(service.count("/favourites")).isEqualTo(2);
	}

	private static void answer(String name, String cacheControl) {
		service.answer("/" + name, 200, Map.of("Cache-Control", cacheControl),
				(headers) -> "tenant " + headers.get("X-Tenant-ID") + ", user " + headers.get("X-User-ID"));
	}

	private String via(String name, String tenant, String user) {
		return this.client.get()
			.uri("/via/" + name)
			.headers((headers) -> headers.setBearerAuth(token(tenant, user)))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static String token(String tenant, String user) {
		return keys.token().claim("tenant_id", tenant).claim("sub", user).build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Via.class)
	static class App {

	}

	/**
	 * An aggregating handler that calls the cached downstream.
	 */
	@RestController
	static class Via {

		private final EdgeDownstreamClients clients;

		Via(EdgeDownstreamClients clients) {
			this.clients = clients;
		}

		@GetMapping("/via/{name}")
		Mono<String> via(@PathVariable String name) {
			return this.clients.webClient("catalog").get().uri("/" + name).retrieve().bodyToMono(String.class);
		}

	}

}
