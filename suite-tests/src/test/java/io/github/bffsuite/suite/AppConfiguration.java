package io.github.bffsuite.suite;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * An app's configuration as Spring Boot resolves it at start-up: the module's
 * {@code src/main/resources/application*.yml} loaded by Boot's own config-data machinery,
 * with the given environment variables as the only environment (so
 * {@code SPRING_PROFILES_ACTIVE}, relaxed names like
 * {@code ORDER_PRODUCT_SERVICE_BASE_URL} and {@code ${REDIS_URL:...}} placeholders behave
 * exactly as in a container), and nothing from the test JVM.
 */
final class AppConfiguration {

	private static final String LOCATION_SOURCE = "suiteTestsConfigLocation";

	private final StandardEnvironment environment;

	private AppConfiguration(StandardEnvironment environment) {
		this.environment = environment;
	}

	static AppConfiguration load(Path resources, Map<String, String> environmentVariables) {
		if (!Files.isRegularFile(resources.resolve("application.yml"))) {
			throw new IllegalStateException("No application.yml in " + resources);
		}
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new LinkedHashMap<>(environmentVariables)));
		String location = resources.toAbsolutePath().normalize().toUri().toString();
		sources.addLast(new MapPropertySource(LOCATION_SOURCE,
				Map.of("spring.config.location", location.endsWith("/") ? location : location + "/")));
		ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(),
				new DefaultBootstrapContext(), List.of());
		ConfigurationPropertySources.attach(environment);
		return new AppConfiguration(environment);
	}

	String property(String name) {
		String value = this.environment.getProperty(name);
		if (value == null) {
			throw new IllegalStateException("Property " + name + " not set");
		}
		return value;
	}

	boolean hasProperty(String name) {
		return this.environment.containsProperty(name);
	}

	List<String> activeProfiles() {
		return Arrays.asList(this.environment.getActiveProfiles());
	}

	/**
	 * Port of the app's API ({@code server.port}).
	 * @return the port
	 */
	int serverPort() {
		return Integer.parseInt(property("server.port"));
	}

	/**
	 * Port of the actuator endpoints: {@code management.server.port} when set, else the
	 * server port.
	 * @return the port
	 */
	int managementPort() {
		return hasProperty("management.server.port") ? Integer.parseInt(property("management.server.port"))
				: serverPort();
	}

	/**
	 * Ports the app serves besides its server and management ports: product-service's
	 * gRPC port ({@code product.grpc.port}) when set.
	 * @return the ports, possibly none
	 */
	List<Integer> otherPorts() {
		return hasProperty("product.grpc.port") ? List.of(Integer.parseInt(property("product.grpc.port"))) : List.of();
	}

	/**
	 * Addresses of other parts of the suite this app calls or trusts, by property name:
	 * every resolved property whose name ends in {@code base-url}, {@code issuer-uri} or
	 * {@code .issuer}, plus {@code spring.data.redis.url} when set.
	 * @return URIs by property name, sorted by name
	 */
	Map<String, URI> addresses() {
		Map<String, URI> addresses = new TreeMap<>();
		for (var source : this.environment.getPropertySources()) {
			// the application*.yml documents active for the profiles, not the environment
			// variables
			if (source instanceof OriginTrackedMapPropertySource document) {
				for (String name : document.getPropertyNames()) {
					if (name.endsWith("base-url") || name.endsWith("issuer-uri") || name.endsWith(".issuer")
							|| name.equals("spring.data.redis.url")) {
						addresses.put(name, URI.create(property(name)));
					}
				}
			}
		}
		return addresses;
	}

}
