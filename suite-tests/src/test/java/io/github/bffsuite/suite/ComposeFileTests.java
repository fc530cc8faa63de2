package io.github.bffsuite.suite;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.bffsuite.suite.ComposeFile.Service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docker-compose.yml} and the {@code Dockerfile} against the apps' own
 * configuration, as each app would resolve it inside its container (the service's
 * environment variables over the module's {@code application*.yml}). No Docker engine
 * needed.
 */
class ComposeFileTests {

	private static final String HEALTH_PATH = "/actuator/health";

	private static final int REDIS_PORT = 6379;

	private static ComposeFile compose;

	private static Map<SuiteApp, AppConfiguration> inCompose;

	@BeforeAll
	static void loadComposeFileAndTheAppsConfigurationUnderIt() {
		compose = ComposeFile.load(SuiteRoot.read("docker-compose.yml"));
		inCompose = new EnumMap<>(SuiteApp.class);
		for (SuiteApp app : SuiteApp.values()) {
			assertThat(compose.serviceNames()).as("compose services").contains(app.serviceName());
			inCompose.put(app, app.configuration(service(app).environment()));
		}
	}

	@Test
	void everyServiceIsAnAppOfTheSuiteOrRedis() {
		for (String name : compose.serviceNames()) {
			assertThat(SuiteApp.isApp(name) || isRedis(compose.service(name)))
				.as("compose service %s is neither an app of the suite nor Redis", name)
				.isTrue();
		}
	}

	@Test
	void everyAppIsBuiltFromItsOwnModuleByTheRootDockerfile() {
		String dockerfile = SuiteRoot.read("Dockerfile");
		assertThat(dockerfile).containsPattern("(?m)^ARG MODULE\\s*$").contains("-pl \"$MODULE\" -am package");
		List<String> modules = SuiteRoot.modules();
		for (SuiteApp app : SuiteApp.values()) {
			Service service = service(app);
			assertThat(service.build().get("context")).as("%s build context", app.serviceName()).isEqualTo(".");
			assertThat(service.build().getOrDefault("dockerfile", "Dockerfile")).isEqualTo("Dockerfile");
			String module = service.buildArgs().get("MODULE");
			assertThat(module).as("%s MODULE build argument", app.serviceName()).isEqualTo(app.module());
			assertThat(modules).as("modules of the root pom").contains(module);
			assertThat(SuiteRoot.path(module).resolve("pom.xml")).isRegularFile();
			assertThat(SuiteRoot.path(module).resolve("pom.xml")).content().contains("spring-boot-maven-plugin");
		}
	}

	@Test
	void publishedPortsAreTheAppsOwnPorts() {
		for (SuiteApp app : SuiteApp.values()) {
			AppConfiguration configuration = inCompose.get(app);
			Map<Integer, Integer> published = service(app).publishedPorts();
			assertThat(published).as("%s publishes server.port on the same host port", app.serviceName())
				.containsEntry(configuration.serverPort(), configuration.serverPort());
			List<Integer> own = new ArrayList<>(configuration.otherPorts());
			own.add(configuration.serverPort());
			own.add(configuration.managementPort());
			assertThat(published.keySet())
				.as("%s publishes only its server, management and other own ports", app.serviceName())
				.isSubsetOf(own);
			for (int port : configuration.otherPorts()) {
				assertThat(published).as("%s publishes its port %d on the same host port", app.serviceName(), port)
					.containsEntry(port, port);
			}
			// the ports ./suite up uses, so a curl from the README works against either
			assertThat(configuration.serverPort()).isEqualTo(app.defaultConfiguration().serverPort());
		}
	}

	@Test
	void healthChecksCallTheAppsHealthEndpointOnItsManagementPort() {
		String dockerfile = SuiteRoot.read("Dockerfile");
		for (SuiteApp app : SuiteApp.values()) {
			List<String> check = service(app).healthCheck();
			assertThat(check).as("%s health check", app.serviceName()).isNotEmpty();
			assertThat(check.get(0)).isEqualTo("CMD");
			String tool = check.get(1);
			assertThat(dockerfile).as("runtime image installs %s", tool)
				.containsPattern(Pattern.compile("apt-get install[^\\n]*\\b" + Pattern.quote(tool) + "\\b"));
			URI url = check.stream()
				.filter((argument) -> argument.startsWith("http://"))
				.map(URI::create)
				.findFirst()
				.orElseThrow(() -> new AssertionError(app.serviceName() + " health check calls no URL: " + check));
			assertThat(url.getHost()).isEqualTo("localhost");
			assertThat(url.getPort()).as("%s health check port", app.serviceName())
				.isEqualTo(inCompose.get(app).managementPort());
			assertThat(url.getPath()).isEqualTo(HEALTH_PATH);
		}
		Service redis = redis();
		assertThat(redis.healthCheck()).containsSubsequence("redis-cli", "ping");
	}

	@Test
	void everyDependencyWaitsUntilItsTargetIsHealthy() {
		for (String name : compose.serviceNames()) {
			compose.service(name).dependsOn().forEach((target, condition) -> {
				assertThat(condition).as("%s depends on %s", name, target).isEqualTo("service_healthy");
				assertThat(compose.service(target).healthCheck()).as("health check of %s", target).isNotEmpty();
			});
		}
		Set<String> backends = Set.of(SuiteApp.AUTH_SERVER.serviceName(), SuiteApp.USER_SERVICE.serviceName(),
				SuiteApp.ORDER_SERVICE.serviceName(), SuiteApp.PRODUCT_SERVICE.serviceName(), redis().name());
		for (SuiteApp app : SuiteApp.values()) {
			if (app.isGateway()) {
				assertThat(service(app).dependsOn()).as("%s waits for", app.serviceName())
					.containsOnlyKeys(backends.toArray(String[]::new));
			}
		}
		assertThat(service(SuiteApp.ORDER_SERVICE).dependsOn())
			.containsOnlyKeys(SuiteApp.PRODUCT_SERVICE.serviceName());
	}

	@Test
	void everyAddressAnAppUsesIsAComposeServiceItWaitsFor() {
		for (SuiteApp app : SuiteApp.values()) {
			Map<String, String> dependsOn = service(app).dependsOn();
			inCompose.get(app).addresses().forEach((property, address) -> {
				String host = address.getHost();
				String what = app.serviceName() + " " + property + "=" + address;
				assertThat(compose.hasService(host)).as("%s names a compose service", what).isTrue();
				assertThat(address.getPort()).as("%s port", what).isEqualTo(portInside(compose.service(host)));
				if (!host.equals(app.serviceName())) {
					assertThat(dependsOn).as("%s: %s waits for %s", what, app.serviceName(), host)
						.containsEntry(host, "service_healthy");
				}
			});
		}
	}

	@Test
	void gatewaysCallEveryDownstreamServiceByItsComposeName() {
		for (SuiteApp app : SuiteApp.values()) {
			if (app.isGateway()) {
				Map<String, URI> addresses = inCompose.get(app).addresses();
				for (SuiteApp downstream : List.of(SuiteApp.USER_SERVICE, SuiteApp.ORDER_SERVICE,
						SuiteApp.PRODUCT_SERVICE)) {
					assertThat(addresses)
						.containsEntry("edge.downstream.services." + downstream.serviceName() + ".base-url", URI.create(
								"http://" + downstream.serviceName() + ":" + inCompose.get(downstream).serverPort()));
				}
				assertThat(addresses).containsEntry("spring.data.redis.url",
						URI.create("redis://" + redis().name() + ":" + REDIS_PORT));
			}
		}
		assertThat(inCompose.get(SuiteApp.ORDER_SERVICE).addresses()).containsEntry("order.product-service.base-url",
				URI.create("http://product-service:" + inCompose.get(SuiteApp.PRODUCT_SERVICE).serverPort()));
	}

	@Test
	void tokensAreIssuedAndCheckedUnderTheAuthServersComposeAddress() {
		String issuer = "http://auth-server:" + inCompose.get(SuiteApp.AUTH_SERVER).serverPort();
		assertThat(issuer).isEqualTo("http://auth-server:9000");
		assertThat(inCompose.get(SuiteApp.AUTH_SERVER).property("spring.security.oauth2.authorizationserver.issuer"))
			.isEqualTo(issuer);
		// the docker profile alone says the same, so the image also works without
		// compose's variable
		assertThat(SuiteApp.AUTH_SERVER.configuration(Map.of("SPRING_PROFILES_ACTIVE", "docker"))
			.property("spring.security.oauth2.authorizationserver.issuer")).isEqualTo(issuer);
		for (SuiteApp app : SuiteApp.values()) {
			if (app.isGateway()) {
				assertThat(inCompose.get(app).property("edge.security.jwt.issuer-uri"))
					.as("%s issuer", app.serviceName())
					.isEqualTo(issuer);
			}
		}
	}

	@Test
	void appsRunWithTheDockerProfileAndGatewaysAlsoWithRedis() {
		for (SuiteApp app : SuiteApp.values()) {
			List<String> profiles = inCompose.get(app).activeProfiles();
			assertThat(profiles).as("%s profiles", app.serviceName()).contains("docker");
			if (app.isGateway()) {
				assertThat(profiles).as("%s profiles", app.serviceName()).contains("redis");
				assertThat(inCompose.get(app).property("management.health.redis.enabled")).isEqualTo("true");
			}
		}
	}

	@Test
	void everyContainerHasAMemoryLimitAndJavaSizesItsHeapFromIt() {
		for (String name : compose.serviceNames()) {
			assertThat(compose.service(name).memoryLimit()).as("%s memory limit", name).isNotNull();
		}
		for (SuiteApp app : SuiteApp.values()) {
			assertThat(service(app).environment().get("JAVA_TOOL_OPTIONS"))
				.as("%s JAVA_TOOL_OPTIONS", app.serviceName())
				.contains("-XX:MaxRAMPercentage=");
		}
	}

	@Test
	void dockerignoreKeepsBuildOutputAndLocalStateOutOfTheContext() {
		assertThat(Files.isRegularFile(SuiteRoot.path(".dockerignore"))).isTrue();
		assertThat(SuiteRoot.read(".dockerignore").lines().map(String::trim)).contains(".git", ".suite/", "**/target/");
	}

	private static Service service(SuiteApp app) {
		return compose.service(app.serviceName());
	}

	private static boolean isRedis(Service service) {
		return String.valueOf(service.get("image")).startsWith("redis:");
	}

	private static Service redis() {
		return compose.serviceNames()
			.stream()
			.map(compose::service)
			.filter(ComposeFileTests::isRedis)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no redis service in docker-compose.yml"));
	}

	private static int portInside(Service service) {
		if (isRedis(service)) {
			return REDIS_PORT;
		}
		if (!SuiteApp.isApp(service.name())) {
			fail("%s is neither an app of the suite nor Redis", service.name());
		}
		return inCompose.get(SuiteApp.forServiceName(service.name())).serverPort();
	}

}
