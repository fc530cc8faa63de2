package io.github.bffsuite.suite;

import java.util.Map;

/**
 * The seven apps of the suite: the only table of names in these tests. Ports, health
 * URLs, profiles and host names are read from the apps' own configuration.
 */
enum SuiteApp {

	AUTH_SERVER("auth-server", "sample-services/auth-server"),

	USER_SERVICE("user-service", "sample-services/user-service"),

	ORDER_SERVICE("order-service", "sample-services/order-service"),

	PRODUCT_SERVICE("product-service", "sample-services/product-service"),

	BFF_WEB("bff-web", "bff-web"),

	BFF_MOBILE("bff-mobile", "bff-mobile"),

	BFF_PARTNER("bff-partner", "bff-partner");

	private final String serviceName;

	private final String module;

	SuiteApp(String serviceName, String module) {
		this.serviceName = serviceName;
		this.module = module;
	}

	/**
	 * Name of the app in {@code docker-compose.yml} and in {@code ./suite}.
	 * @return the service name
	 */
	String serviceName() {
		return this.serviceName;
	}

	/**
	 * Directory of the app's Maven module, relative to the repository root.
	 * @return the module directory
	 */
	String module() {
		return this.module;
	}

	/**
	 * Whether the app is one of the gateways (its module is a top-level {@code bff-*}).
	 * @return whether it is a gateway
	 */
	boolean isGateway() {
		return this.module.startsWith("bff-");
	}

	/**
	 * The app's configuration as it starts with no environment (dev defaults,
	 * {@code ./suite up}).
	 * @return the configuration
	 */
	AppConfiguration defaultConfiguration() {
		return configuration(Map.of());
	}

	/**
	 * The app's configuration as it starts with the given environment variables.
	 * @param environment the environment variables, e.g. those compose sets
	 * @return the configuration
	 */
	AppConfiguration configuration(Map<String, String> environment) {
		return AppConfiguration.load(SuiteRoot.path(this.module).resolve("src/main/resources"), environment);
	}

	static SuiteApp forServiceName(String serviceName) {
		for (SuiteApp app : values()) {
			if (app.serviceName.equals(serviceName)) {
				return app;
			}
		}
		throw new IllegalArgumentException("Not an app of the suite: " + serviceName);
	}

	static boolean isApp(String serviceName) {
		for (SuiteApp app : values()) {
			if (app.serviceName.equals(serviceName)) {
				return true;
			}
		}
		return false;
	}

}
