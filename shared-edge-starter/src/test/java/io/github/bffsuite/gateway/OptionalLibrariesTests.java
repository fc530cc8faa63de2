package io.github.bffsuite.gateway;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the starter without its optional libraries: the starter's Redis, resilience4j,
 * load balancer, Caffeine and OpenTelemetry extras are optional, so a gateway with none
 * of their jars on its class path starts and answers. Unlike a
 * {@code FilteredClassLoader}, which only hides classes from conditions, the jars are
 * really left out, so a bean method or class that still links to one fails here.
 */
class OptionalLibrariesTests {

	private static final List<String> OPTIONAL_JARS = List.of("spring-boot-starter-data-redis", "spring-data-redis",
			"spring-boot-data-redis", "lettuce-core", "resilience4j-", "spring-cloud-loadbalancer",
			"spring-cloud-starter-loadbalancer", "caffeine-", "opentelemetry-", "micrometer-tracing",
			"spring-boot-micrometer-tracing");

	@Test
	void gatewayStartsAndAnswersWithNoneOfTheOptionalLibraries() throws Exception {
		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(classPathWithoutOptionalJars(),
				ClassLoader.getPlatformClassLoader())) {
			assertThat(loader.getResource("com/github/benmanes/caffeine/cache/Caffeine.class")).isNull();
			assertThat(loader.getResource("io/github/resilience4j/circuitbreaker/CircuitBreaker.class")).isNull();
			Thread.currentThread().setContextClassLoader(loader);
			Object context = run(loader);
			try {
				assertThat(beanNames(loader, context, "io.github.bffsuite.edge.ratelimit.store.InMemoryRateLimitStore"))
					.hasSize(1);
				assertThat(beanNames(loader, context, "io.github.bffsuite.edge.web.RequestIdWebFilter")).hasSize(1);
				assertThat(beanNames(loader, context, "io.github.bffsuite.edge.security.apikey.ApiKeyStore"))
					.hasSize(1);
				assertThat(beanNames(loader, context, "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder"))
					.hasSize(1);
				assertThat(beanNames(loader, context, "io.github.bffsuite.edge.downstream.EdgeDownstreamClients"))
					.isEmpty();
				assertThat(beanNames(loader, context, "io.github.bffsuite.edge.idempotency.IdempotencyWebFilter"))
					.isEmpty();
				Object environment = context.getClass().getMethod("getEnvironment").invoke(context);
				String port = (String) environment.getClass()
					.getMethod("getProperty", String.class)
					.invoke(environment, "local.server.port");
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anything"))
						.header("X-Request-ID", "optional-1")
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(response.headers().firstValue("X-Request-ID")).hasValue("optional-1");
			}
			finally {
				context.getClass().getMethod("close").invoke(context);
			}
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

	private static Object run(ClassLoader loader) throws Exception {
		Class<?> builderType = loader.loadClass("org.springframework.boot.builder.SpringApplicationBuilder");
		Object builder = builderType.getConstructor(Class[].class)
			.newInstance((Object) new Class<?>[] { loader.loadClass(Gateway.class.getName()) });
		Map<String, Object> properties = Map.of("server.port", "0", "spring.main.banner-mode", "off",
				"spring.main.web-application-type", "reactive", "edge.security.jwt.issuer-uri", "http://issuer.test",
				"edge.security.jwt.audiences", "bff-test", "edge.security.jwt.jwk-set-uri", "http://127.0.0.1:9/jwks",
				"edge.security.mechanisms", "jwt,api-key", "edge.security.api-key.hash", "sha256");
		builderType.getMethod("properties", Map.class).invoke(builder, properties);
		return builderType.getMethod("run", String[].class).invoke(builder, (Object) new String[0]);
	}

	private static String[] beanNames(ClassLoader loader, Object context, String type) throws Exception {
		Method getBeanNamesForType = context.getClass().getMethod("getBeanNamesForType", Class.class);
		return (String[]) getBeanNamesForType.invoke(context, loader.loadClass(type));
	}

	/**
	 * A gateway as applications have it: auto-configured, in a package of its own (the
	 * starter's test application scans the starter's packages, where it would find the
	 * auto-configurations' nested classes).
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Gateway {

	}

	private static URL[] classPathWithoutOptionalJars() throws MalformedURLException {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<URL> urls = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			File file = new File(entry);
			if (OPTIONAL_JARS.stream().noneMatch(file.getName()::startsWith)) {
				urls.add(file.toURI().toURL());
			}
		}
		return urls.toArray(URL[]::new);
	}

}
