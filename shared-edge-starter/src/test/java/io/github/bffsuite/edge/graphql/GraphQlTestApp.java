package io.github.bffsuite.edge.graphql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.bffsuite.edge.EdgeTestApplication;
import io.github.bffsuite.edge.test.JwksServer;
import io.github.bffsuite.edge.test.TestKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running Spring for GraphQL application on a random port with the starter, a tiny
 * schema ({@code graphql-test/schema.graphqls}) served from maps, JWT security with test
 * keys, and the given properties.
 */
final class GraphQlTestApp implements AutoCloseable {

	static final TestKeys keys = new TestKeys();

	/**
	 * Property that sets how many event loop threads the server runs on (Reactor Netty's
	 * default otherwise).
	 */
	static final String EVENT_LOOP_THREADS = "test.event-loop-threads";

	private final JwksServer jwks;

	private final ConfigurableApplicationContext context;

	private final String url;

	private GraphQlTestApp(JwksServer jwks, ConfigurableApplicationContext context) {
		this.jwks = jwks;
		this.context = context;
		this.url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

	static GraphQlTestApp start(Map<String, Object> properties) {
		// one JWKS server per application: closing a context stops the shared Reactor
		// Netty resources that an older server may run on
		JwksServer jwks = new JwksServer(keys);
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.put("spring.graphql.schema.locations", "classpath:graphql-test/");
		all.put("edge.graphql.trusted-documents.locations", "classpath:graphql-test/trusted/*.graphql");
		all.putAll(jwks.gatewayProperties());
		all.putAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EdgeTestApplication.class)
			.web(WebApplicationType.REACTIVE)
			.properties(all)
			.initializers((ctx) -> {
				GenericApplicationContext generic = (GenericApplicationContext) ctx;
				generic.registerBean("testWiring", RuntimeWiringConfigurer.class, GraphQlTestApp::wiring);
				// own event loops: closing this app must not stop the shared Reactor
				// Netty
				// resources that other tests' stub servers run on
				generic.registerBean("reactorResourceFactory", ReactorResourceFactory.class, () -> {
					ReactorResourceFactory factory = new ReactorResourceFactory();
					factory.setUseGlobalResources(false);
					Object threads = all.get(EVENT_LOOP_THREADS);
					if (threads != null) {
						factory.setLoopResources(
								LoopResources.create("graphql-test", Integer.parseInt(threads.toString()), true));
					}
					return factory;
				});
			})
			.run();
		return new GraphQlTestApp(jwks, context);
	}

	private static RuntimeWiringConfigurer wiring() {
		return (wiring) -> wiring
			.type("Query",
					(type) -> type.dataFetcher("me", (env) -> user("u1"))
						.dataFetcher("orders", (env) -> orders(size(env.getArgument("first"))))
						.dataFetcher("product", (env) -> product(env.getArgument("id")))
						.dataFetcher("products",
								(env) -> IntStream.range(0, size(env.getArgument("first")))
									.mapToObj((i) -> product("p" + i))
									.toList()))
			.type("Mutation", (type) -> type.dataFetcher("rename", (env) -> user(env.getArgument("name"))))
			.type("User",
					(type) -> type.dataFetcher("friends",
							(env) -> IntStream.range(0, size(env.getArgument("first")))
								.mapToObj((i) -> user("f" + i))
								.toList()));
	}

	private static int size(Integer first) {
		return (first != null) ? first : 2;
	}

	private static Map<String, Object> user(String id) {
		return Map.of("id", id, "name", "User " + id);
	}

	private static Map<String, Object> product(String id) {
		return Map.of("id", id, "name", "Product " + id);
	}

	private static List<Map<String, Object>> orders(int size) {
		return IntStream.range(0, size)
			.mapToObj((i) -> Map.<String, Object>of("id", "o" + i, "total", 10 * i, "items",
					List.of(Map.of("id", "i" + i, "product", product("p" + i)))))
			.toList();
	}

	WebTestClient client() {
		return WebTestClient.bindToServer().baseUrl(this.url).responseTimeout(Duration.ofSeconds(20)).build();
	}

	/**
	 * Post a GraphQL request body to {@code /graphql} with a token of the given user.
	 */
	WebTestClient.ResponseSpec post(String user, Object body) {
		return client().post()
			.uri("/graphql")
			.headers((headers) -> headers.setBearerAuth(token(user)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	String url() {
		return this.url;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	static String token(String user) {
		return keys.token().claim("sub", user).build();
	}

	double count(String meter, String reason) {
		Counter counter = this.context.getBean(MeterRegistry.class).find(meter).tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Override
	public void close() {
		this.context.close();
		this.jwks.close();
	}

}
