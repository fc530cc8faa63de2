package io.github.bffsuite.edge.test;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives an application started by a test its own Reactor Netty event loops and connection
 * pools. By default Spring Boot uses Reactor Netty's global resources and disposes them
 * when a context closes, which kills the servers and clients of every other application
 * still running in the same test JVM (such as a cached Spring test context).
 */
public final class OwnNettyResources implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean(ReactorResourceFactory.class, () -> {
			ReactorResourceFactory resources = new ReactorResourceFactory();
			resources.setUseGlobalResources(false);
			return resources;
		});
	}

}
