package io.github.bffsuite.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code docker-compose.yml} as compose reads it: anchors and merge keys ({@code <<})
 * resolved, short and long forms of environment, ports and depends_on normalised.
 */
final class ComposeFile {

	private final Map<String, Object> services;

	private ComposeFile(Map<String, Object> services) {
		this.services = services;
	}

	static ComposeFile load(String yaml) {
		Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		return new ComposeFile(map(document.get("services"), "services"));
	}

	Set<String> serviceNames() {
		return this.services.keySet();
	}

	boolean hasService(String name) {
		return this.services.containsKey(name);
	}

	Service service(String name) {
		if (!hasService(name)) {
			throw new IllegalArgumentException("No compose service " + name + "; services are " + serviceNames());
		}
		return new Service(name, map(this.services.get(name), name));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value, String what) {
		if (!(value instanceof Map)) {
			throw new IllegalStateException(what + " is not a mapping: " + value);
		}
		return (Map<String, Object>) value;
	}

	static List<?> list(Object value, String what) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalStateException(what + " is not a list: " + value);
		}
		return list;
	}

	/**
	 * One service of the compose file.
	 *
	 * @param name its name, which is also its host name on the compose network
	 * @param definition its definition as parsed
	 */
	record Service(String name, Map<String, Object> definition) {

		Object get(String key) {
			return this.definition.get(key);
		}

		Map<String, Object> build() {
			return map(this.definition.get("build"), this.name + ".build");
		}

		Map<String, String> buildArgs() {
			return keyValues(build().get("args"), this.name + ".build.args");
		}

		Map<String, String> environment() {
			return this.definition.containsKey("environment")
					? keyValues(this.definition.get("environment"), this.name + ".environment") : Map.of();
		}

		/**
		 * Published ports as container port to host port.
		 * @return the published ports
		 */
		Map<Integer, Integer> publishedPorts() {
			Map<Integer, Integer> ports = new LinkedHashMap<>();
			if (!this.definition.containsKey("ports")) {
				return ports;
			}
			for (Object port : list(this.definition.get("ports"), this.name + ".ports")) {
				if (port instanceof Map<?, ?> longSyntax) {
					ports.put(Integer.valueOf(String.valueOf(longSyntax.get("target"))),
							Integer.valueOf(String.valueOf(longSyntax.get("published"))));
				}
				else {
					// [ip:]host:container[/protocol]
					String[] parts = String.valueOf(port).replaceFirst("/.*$", "").split(":");
					if (parts.length < 2) {
						throw new IllegalStateException(this.name + " publishes " + port + " on a random host port");
					}
					ports.put(Integer.valueOf(parts[parts.length - 1]), Integer.valueOf(parts[parts.length - 2]));
				}
			}
			return ports;
		}

		/**
		 * The health check's command in exec form ({@code CMD} or {@code CMD-SHELL}
		 * first).
		 * @return the command, empty without a health check
		 */
		List<String> healthCheck() {
			if (!this.definition.containsKey("healthcheck")) {
				return List.of();
			}
			Object test = map(this.definition.get("healthcheck"), this.name + ".healthcheck").get("test");
			if (test instanceof String shell) {
				return List.of("CMD-SHELL", shell);
			}
			return list(test, this.name + ".healthcheck.test").stream().map(String::valueOf).toList();
		}

		/**
		 * Services this one waits for, with the condition it waits on.
		 * @return conditions by service name
		 */
		Map<String, String> dependsOn() {
			Map<String, String> conditions = new LinkedHashMap<>();
			Object dependsOn = this.definition.get("depends_on");
			if (dependsOn == null) {
				return conditions;
			}
			if (dependsOn instanceof List<?> names) {
				// short syntax: only waits for the container to start
				names.forEach((name) -> conditions.put(String.valueOf(name), "service_started"));
				return conditions;
			}
			map(dependsOn, this.name + ".depends_on").forEach((name, condition) -> conditions.put(name,
					String.valueOf(map(condition, this.name + ".depends_on." + name).get("condition"))));
			return conditions;
		}

		/**
		 * The memory limit, from {@code mem_limit} or
		 * {@code deploy.resources.limits.memory}.
		 * @return the limit, {@code null} when none
		 */
		Object memoryLimit() {
			if (this.definition.get("mem_limit") != null) {
				return this.definition.get("mem_limit");
			}
			if (this.definition.get("deploy") instanceof Map<?, ?> deploy
					&& deploy.get("resources") instanceof Map<?, ?> resources
					&& resources.get("limits") instanceof Map<?, ?> limits) {
				return limits.get("memory");
			}
			return null;
		}

		private static Map<String, String> keyValues(Object value, String what) {
			Map<String, String> result = new LinkedHashMap<>();
			if (value instanceof List<?> entries) {
				for (Object entry : entries) {
					String text = String.valueOf(entry);
					int equals = text.indexOf('=');
					result.put((equals < 0) ? text : text.substring(0, equals),
							(equals < 0) ? "" : text.substring(equals + 1));
				}
				return result;
			}
			map(value, what).forEach((key, entry) -> result.put(key, String.valueOf(entry)));
			return result;
		}

	}

}
