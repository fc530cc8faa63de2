package io.github.bffsuite.suite;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code APPS} table at the top of the {@code ./suite} launcher against the apps' own
 * configuration with no profile (how {@code ./suite up} starts them).
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
