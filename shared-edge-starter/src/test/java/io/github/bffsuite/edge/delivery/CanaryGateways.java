package io.github.bffsuite.edge.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestGateways;
import io.github.bffsuite.edge.test.TestKeys;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Test gateways with a {@code products} route whose stable version is one
 * {@link VersionServer} and whose canary is another, started as real applications on
 * random ports with real JWT validation.
 */
final class CanaryGateways {

	private CanaryGateways() {
	}

	/**
	 * The properties of a gateway with a canary on the {@code products} route.
	 * @param jwks the JWKS endpoint
	 * @param stable the stable version
	 * @param canary the canary
	 * @return the properties, to be added to
	 */
	static Map<String, Object> properties(JwksServer jwks, VersionServer stable, VersionServer canary) {
		Map<String, Object> properties = new LinkedHashMap<>(jwks.gatewayProperties());
		String route = "spring.cloud.gateway.server.webflux.routes[0].";
		properties.put(route + "id", "products");
		properties.put(route + "uri", stable.url());
		properties.put(route + "predicates[0]", "Path=/products/**");
		properties.put("edge.delivery.canaries.products.uri", canary.url());
		properties.put("edge.delivery.canaries.products.version-header", "X-Served-By");
		properties.put("edge.delivery.canary-control.evaluation-interval", "100ms");
		return properties;
	}

	static Gateway start(Map<String, Object> properties) {
		ConfigurableApplicationContext context = TestGateways.start(properties, "noHandlers",
				() -> RouterFunctions.route().GET("/none", (request) -> ServerResponse.notFound().build()).build());
		return new Gateway(context, TestGateways.url(context));
	}

	static Consumer<HttpHeaders> user(TestKeys keys, String id, String scope) {
		String token = keys.token().claim("sub", id).claim("scope", scope).build();
		return (headers) -> headers.setBearerAuth(token);
	}

	/**
	 * A running gateway.
	 *
	 * @param context the application context
	 * @param url the base URL
	 */
	record Gateway(ConfigurableApplicationContext context, String url) implements AutoCloseable {

		CanaryController controller() {
			return this.context.getBean(CanaryController.class);
		}

		CanaryState state() {
			RouteCanary canary = controller().canary("products");
			if (canary == null) {
				throw new IllegalStateException("no canary on products");
			}
			return canary.state();
		}

		String managementUrl() {
			return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.management.port");
		}

		Reply get(String path, Consumer<HttpHeaders> headers) {
			Reply reply = getAsync(path, headers).block(Duration.ofSeconds(30));
			if (reply == null) {
				throw new IllegalStateException("no reply");
			}
			return reply;
		}

		Mono<Reply> getAsync(String path, Consumer<HttpHeaders> headers) {
			return WebClient.create(this.url)
				.get()
				.uri(path)
				.headers(headers)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Reply(response.statusCode().value(),
							response.headers().asHttpHeaders().getFirst("X-Served-By"), body)));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * A gateway's answer.
	 *
	 * @param status the status
	 * @param servedBy the version header
	 * @param body the body
	 */
	record Reply(int status, @Nullable String servedBy, String body) {

		String version() {
			return this.body.contains("\"version\":\"canary\"") ? "canary"
					: this.body.contains("\"version\":\"stable\"") ? "stable" : "none";
		}

	}

}
