package io.github.bffsuite.partner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.github.bffsuite.edge.security.apikey.ApiKeyFormat;
import io.github.bffsuite.edge.security.apikey.ApiKeyRecord;
import io.github.bffsuite.edge.security.apikey.ApiKeyStore;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's {@code ./suite apikey} against a running bff-partner: the key it makes
 * through the admin API works, and so does the one it makes offline once its printed hash
 * is declared.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class SuiteApiKeyTests extends PartnerGatewayTestSupport {

	static final Path SUITE = Path.of("..", "suite").toAbsolutePath().normalize();

	@Autowired
	ApiKeyStore store;

	@Test
	void anOfflineKeyIsCheckedAndHashedAsTheGatewayExpects() throws Exception {
		String printed = suite(Map.of(), "apikey", "--offline", "--tenant", "globex");
		Map<String, String> lines = lines(printed);
		String key = lines.get("key");
		assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
		assertThat(key).startsWith("bffk_test_globex_");
		assertThat(lines.get("hint")).isEqualTo(ApiKeyFormat.hint(key));
		// declared as the printed hash says, as edge.security.api-key.keys would
		this.store
			.save(new ApiKeyRecord("suite-offline", lines.get("hash"), "globex", "basic", Set.of("orders:read"), null,
					false))
			.block();
		this.client.get().uri("/partner/v2/orders").header("X-API-Key", key).exchange().expectStatus().isOk();
	}

	@Test
	void aKeyMadeThroughTheAdminApiWorksAtOnce() throws Exception {
		// a real HTTP token endpoint that answers client credentials with a signed token
		HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		issuer.createContext("/oauth2/token", (exchange) -> {
			byte[] body = ("{\"access_token\":\"" + partnerToken("acme", "keys:admin")
					+ "\",\"token_type\":\"Bearer\",\"expires_in\":900}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		issuer.start();
		try {
			String key = suite(Map.of("SUITE_AUTH_URL", "http://127.0.0.1:" + issuer.getAddress().getPort(),
					"SUITE_PARTNER_URL", "http://localhost:" + this.port), "apikey", "--tenant", "acme", "--scopes",
					"orders:read")
				.strip();
			assertThat(ApiKeyFormat.isWellFormed(key)).as(key).isTrue();
			this.client.get().uri("/partner/v2/orders").header("X-API-Key", key).exchange().expectStatus().isOk();
			this.client.get()
				.uri("/partner/v2/products")
				.header("X-API-Key", key)
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		finally {
			issuer.stop(0);
		}
	}

	static String suite(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("bash", SUITE.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		assertThat(Files.isRegularFile(SUITE)).isTrue();
		return out;
	}

	static Map<String, String> lines(String printed) {
		Map<String, String> lines = new java.util.LinkedHashMap<>();
		printed.lines().forEach((line) -> {
			int colon = line.indexOf(':');
			lines.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
		});
		return lines;
	}

}
