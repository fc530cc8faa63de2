package io.github.bffsuite.partner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/partner.md shows of the webhooks holds against the running gateway: its
 * Python receiver verifies the signatures the gateway sends, also during a secret
 * overlap, and the admin OpenAPI document describes the webhook administration.
 */
class PartnerWebhookDocumentationTests extends PartnerWebhookTestSupport {

	@Test
	void theDocumentedReceiverVerifiesTheSignaturesTheGatewaySends() throws Exception {
		Path script = Path.of("..", "docs", "examples", "webhook-receiver.py");
		assertThat(Files.readString(Path.of("..", "docs", "partner.md")))
			.as("docs/partner.md shows docs/examples/webhook-receiver.py as it is")
			.contains(Files.readString(script));
		assertThat(python())
			.as("python3 (3.9 or later) on the PATH runs the documented receiver; install it, "
					+ "such as with apt-get install python3")
			.isNotNull();
		String secret = (String) setUrl("acme", "http://placeholder.example/", 201).get("secret");
		assertThat(runReceiver(script, secret, true)).startsWith("verified ").contains("\"type\":\"webhook.test\"");
		// during an overlap the receiver that still has the old secret verifies too
		rotate("acme", "{\"overlap\":\"PT1H\"}", 200);
		assertThat(runReceiver(script, secret, true)).startsWith("verified ");
		assertThat(runReceiver(script, "whsec_not_the_secret", false)).startsWith("REJECTED ");
	}

	String runReceiver(Path script, String secret, boolean verified) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path output = Files.createTempFile("webhook-receiver", ".log");
		ProcessBuilder builder = new ProcessBuilder(python(), script.toString(), Integer.toString(port))
			.redirectErrorStream(false)
			.redirectOutput(output.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("WEBHOOK_SECRET", secret);
		Process process = builder.start();
		try {
			PartnerQuotaEventTests.await(() -> {
				try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
					return true;
				}
				catch (IOException ex) {
					return !process.isAlive();
				}
			});
			assertThat(process.isAlive()).as("the receiver started").isTrue();
			setUrl("acme", "http://127.0.0.1:" + port + "/hooks", 200);
			Map<?, ?> result = test("acme");
			assertThat(result.get("status")).isEqualTo(verified ? 204 : 401);
			PartnerQuotaEventTests.await(() -> readString(output).contains("\n"));
			return readString(output);
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
			Files.deleteIfExists(output);
		}
	}

	static String readString(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String python() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "python3");
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		return null;
	}

	@Test
	void documentsTheWebhookAdministrationInTheAdminGroup() {
		Map<?, ?> admin = this.client.get()
			.uri("/v3/api-docs/admin")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		Map<?, ?> paths = (Map<?, ?>) admin.get("paths");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook")).keySet()).map(Object::toString)
			.containsExactlyInAnyOrder("get", "put", "delete");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook/rotate")).keySet()).map(Object::toString)
			.containsExactly("post");
		assertThat(((Map<?, ?>) paths.get("/partner/admin/webhook/test")).keySet()).map(Object::toString)
			.containsExactly("post");
		Map<?, ?> put = (Map<?, ?>) ((Map<?, ?>) paths.get("/partner/admin/webhook")).get("put");
		assertThat(((Map<?, ?>) put.get("responses")).keySet()).map(Object::toString)
			.contains("200", "201", "400", "401", "403", "429");
		Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) admin.get("components")).get("schemas");
		assertThat(schemas.keySet()).map(Object::toString)
			.contains("WebhookView", "WebhookChange", "WebhookTestResult", "SetWebhookUrl", "RotateWebhookSecret");
		// the key rotation's body keeps its own schema
		assertThat(schemas.get("Rotate").toString()).contains("gracePeriod").doesNotContain("overlap");
		assertThat(schemas.get("RotateWebhookSecret").toString()).contains("overlap");
		assertThat(schemas.get("WebhookView").toString()).contains("secretHint").doesNotContain("\"secret\"");
	}

}
