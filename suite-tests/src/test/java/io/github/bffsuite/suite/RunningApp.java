package io.github.bffsuite.suite;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the suite's apps running from its packaged jar in a child JVM, as
 * {@code ./suite up} runs it, with its log under {@code target/e2e-logs}.
 */
final class RunningApp implements AutoCloseable {

	private static final String VERSION = "0.1.0-SNAPSHOT";

	private final String name;

	private final Process process;

	private final Path log;

	private final String healthUrl;

	private RunningApp(String name, Process process, Path log, String healthUrl) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.healthUrl = healthUrl;
	}

	static RunningApp start(String module, String name, int healthPort, String... args) throws IOException {
		return start(module, name, healthPort, Map.of(), args);
	}

	static RunningApp start(String module, String name, int healthPort, Map<String, String> environment, String... args)
			throws IOException {
		Path jar = SuiteRoot.path(module + "/target/" + name + "-" + VERSION + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: run './mvnw verify' from the repository root, "
					+ "which packages every app before these tests run");
		}
		Path logs = Path.of("target", "e2e-logs");
		Files.createDirectories(logs);
		Path log = logs.resolve(name + ".log");
		List<String> command = new ArrayList<>(
				List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-Xss512k", "-jar", jar.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new RunningApp(name, process, log, "http://localhost:" + healthPort + "/actuator/health");
	}

	void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited: " + tail());
			}
			try {
				HttpResponse<String> response = client.send(
						HttpRequest.newBuilder(URI.create(this.healthUrl)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException(this.name + " was not healthy within " + timeout + ": " + tail());
	}

	private String tail() throws IOException {
		List<String> lines = Files.readAllLines(this.log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String javaBin() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
