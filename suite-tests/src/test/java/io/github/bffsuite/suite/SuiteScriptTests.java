package io.github.bffsuite.suite;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./suite} launcher: the {@code APPS} table at its top against the apps' own
 * configuration with no profile (how {@code ./suite up} starts them), and the API keys
 * {@code ./suite apikey} makes.
 */
class SuiteScriptTests {

	private static final Pattern ROW = Pattern.compile("^\\s*\"([^|\"]+)\\|([^|\"]+)\\|([^|\"]+)\\|([^|\"]+)\"\\s*$");

	@Test
	void listsEveryAppOnceUnderItsModule() {
		List<Row> rows = rows();
		assertThat(rows).extracting(Row::name)
			.containsExactlyInAnyOrder(
					Arrays.stream(SuiteApp.values()).map(SuiteApp::serviceName).toArray(String[]::new));
		for (Row row : rows) {
			assertThat(row.module()).as("module of %s", row.name())
				.isEqualTo(SuiteApp.forServiceName(row.name()).module());
			assertThat(SuiteRoot.modules()).contains(row.module());
		}
	}

	@Test
	void portsAreTheAppsServerPorts() {
		for (Row row : rows()) {
			assertThat(Integer.parseInt(row.port())).as("port of %s", row.name())
				.isEqualTo(SuiteApp.forServiceName(row.name()).defaultConfiguration().serverPort());
		}
	}

	@Test
	void healthUrlsAreTheAppsHealthEndpointsOnTheirManagementPorts() {
		for (Row row : rows()) {
			URI health = URI.create(row.health());
			assertThat(health.getScheme()).isEqualTo("http");
			assertThat(health.getHost()).isEqualTo("localhost");
			assertThat(health.getPort()).as("health port of %s", row.name())
				.isEqualTo(SuiteApp.forServiceName(row.name()).defaultConfiguration().managementPort());
			assertThat(health.getPath()).isEqualTo("/actuator/health");
		}
	}

	@Test
	void apikeyOfflinePrintsAChecksummedKeyItsHmacSha256HashAndHint() throws Exception {
		List<String> lines = run("apikey", "--offline", "--tenant", "acme", "--secret", "test-secret");
		assertThat(lines).hasSize(3);
		assertThat(lines.get(0)).matches("key:  bffk_test_acme_[A-Za-z0-9]{38}");
		String key = lines.get(0).substring("key:  ".length());
		// the checksum: CRC32 of everything before it, in six base62 digits
		// (ApiKeyFormat)
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(key.substring(0, key.length() - 6).getBytes(StandardCharsets.US_ASCII));
		String base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
		long value = crc.getValue();
		char[] digits = new char[6];
		for (int i = 5; i >= 0; i--) {
			digits[i] = base62.charAt((int) (value % 62));
			value /= 62;
		}
		assertThat(key).endsWith(new String(digits));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("test-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		assertThat(lines.get(1))
			.isEqualTo("hash: " + HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8))));
		assertThat(lines.get(2))
			.isEqualTo("hint: " + key.substring(0, 19) + "\u2026" + key.substring(key.length() - 4));
	}

	private static List<String> run(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(SuiteRoot.path("suite").toString()));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
	}

	private static List<Row> rows() {
		List<String> lines = SuiteRoot.read("suite").lines().toList();
		int start = lines.indexOf("APPS=(");
		assertThat(start).as("APPS=( line in ./suite").isNotNegative();
		List<Row> rows = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.trim().equals(")")) {
				return rows;
			}
			Matcher matcher = ROW.matcher(line);
			assertThat(matcher.matches()).as("APPS row %s", line).isTrue();
			rows.add(new Row(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
		}
		throw new AssertionError("APPS=( in ./suite is not closed");
	}

	/**
	 * One row of the launcher's table.
	 *
	 * @param name the app's name
	 * @param module its module directory
	 * @param port the port the launcher waits on
	 * @param health the health URL the launcher polls
	 */
	private record Row(String name, String module, String port, String health) {

	}

}
