package io.github.bffsuite.edge.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.bffsuite.edge.security.apikey.ApiKeyHasher;
import io.github.bffsuite.edge.test.TestGateways;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Starts test gateways as real applications on random ports and calls them over HTTP.
 */
final class RateLimitGateways {

	private RateLimitGateways() {
	}

	/**
	 * Start a gateway with the test application, a {@code /hello} handler that is not a
	 * route, and the given properties.
	 * @param properties the properties
	 * @return the running gateway
	 */
	static Gateway start(Map<String, Object> properties) {
		ConfigurableApplicationContext context = TestGateways.start(properties, "helloRoute",
				() -> RouterFunctions.route()
					.GET("/hello", (request) -> ServerResponse.ok().bodyValue("hello"))
					.build());
		return new Gateway(context, TestGateways.url(context));
	}

	/**
	 * Add an API key.
	 * @param properties the properties
	 * @param id the key id
	 * @param key the key
	 * @param plan the plan
	 */
	static void apiKey(Map<String, Object> properties, String id, String key, String plan) {
		String prefix = "edge.security.api-key.keys." + id + ".";
		properties.put(prefix + "hash", ApiKeyHasher.sha256().hash(key));
		properties.put(prefix + "tenant", "globex");
		properties.put(prefix + "plan", plan);
		properties.put(prefix + "scopes", "products:read");
	}

	/**
	 * Add a route to the echo backend.
	 * @param properties the properties
	 * @param index the route index
	 * @param id the route id
	 * @param uri the backend
	 * @param path the path pattern
	 * @param filters the filters
	 */
	static void route(Map<String, Object> properties, int index, String id, String uri, String path,
			String... filters) {
		String prefix = "spring.cloud.gateway.server.webflux.routes[" + index + "].";
		properties.put(prefix + "id", id);
		properties.put(prefix + "uri", uri);
		properties.put(prefix + "predicates[0]", "Path=" + path);
		for (int i = 0; i < filters.length; i++) {
			properties.put(prefix + "filters[" + i + "]", filters[i]);
		}
	}

	/**
	 * Close, in order, what a test class started; {@code null} stands for what it did not
	 * get to start.
	 * @param resources the gateways and servers
	 */
	static void closeAll(@Nullable AutoCloseable... resources) {
		for (AutoCloseable resource : resources) {
			if (resource != null) {
				try {
					resource.close();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	/**
	 * A running gateway.
	 *
	 * @param context the application context
	 * @param url the base URL
	 */
	record Gateway(ConfigurableApplicationContext context, String url) implements AutoCloseable {

		Reply get(String path, Consumer<HttpHeaders> headers) {
			return getAsync(path, headers).block(Duration.ofSeconds(30));
		}

		Mono<Reply> getAsync(String path, Consumer<HttpHeaders> headers) {
			return WebClient.create(this.url)
				.get()
				.uri(path)
				.headers(headers)
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> new Reply(response.statusCode().value(), response.headers().asHttpHeaders(), body)));
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * A response.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body
	 */
	record Reply(int status, HttpHeaders headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

		List<String> headers(String name) {
			return this.headers.getOrEmpty(name);
		}

	}

}
