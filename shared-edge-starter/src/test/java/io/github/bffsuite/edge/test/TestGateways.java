package io.github.bffsuite.edge.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bffsuite.edge.EdgeTestApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.reactive.function.server.RouterFunction;

/**
 * Starts the test application as a gateway of its own on a random port, for tests that
 * run several gateways side by side or restart one.
 */
public final class TestGateways {

	private TestGateways() {
	}

	/**
	 * Start a gateway with its own Reactor Netty resources, the given properties and
	 * handlers that are not routes.
	 * @param properties the properties
	 * @param handlers the handlers, registered as a bean of that name
	 * @param routes the handlers
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> properties, String handlers,
			Supplier<RouterFunction<?>> routes) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", "0");
		all.put("spring.main.banner-mode", "off");
		all.putAll(properties);
		return new SpringApplicationBuilder(EdgeTestApplication.class).web(WebApplicationType.REACTIVE)
			.properties(all)
			.initializers(new OwnNettyResources(),
					(context) -> ((GenericApplicationContext) context).registerBean(handlers, RouterFunction.class,
							routes::get))
			.run();
	}

	/**
	 * Return the base URL of a running gateway.
	 * @param context the gateway's application context
	 * @return the URL
	 */
	public static String url(ConfigurableApplicationContext context) {
		return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
	}

}
