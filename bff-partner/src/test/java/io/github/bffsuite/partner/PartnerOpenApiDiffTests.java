package io.github.bffsuite.partner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each OpenAPI group the running gateway serves, compared by openapi-diff with the
 * baseline committed under {@code src/test/resources/openapi-baseline}: a change that
 * would break a partner's client (a removed operation, parameter or response field, a new
 * required input, a narrowed type) fails the build; additions pass.
 * <p>
 * After an intended, compatible change the baselines can be written anew with
 * {@code -Dopenapi.baseline.update=true}; the diff of the baseline files then shows in
 * review what the contract gained.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
class PartnerOpenApiDiffTests extends PartnerGatewayTestSupport {

	private static final Path BASELINES = Path.of("src/test/resources/openapi-baseline");

	private static final ObjectMapper json = new ObjectMapper();

	@ParameterizedTest(name = "group {0}")
	@ValueSource(strings = { "v1", "v2", "admin" })
	void groupHasNoBreakingChangeAgainstItsBaseline(String group) throws IOException {
		String current = normalised(this.client.get()
			.uri("/v3/api-docs/" + group)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		Path baseline = BASELINES.resolve(group + ".json");
		if (Boolean.getBoolean("openapi.baseline.update")) {
			Files.createDirectories(BASELINES);
			Files.writeString(baseline, current);
		}
		ChangedOpenApi diff = OpenApiCompare.fromContents(Files.readString(baseline), current);
		assertThat(diff.getNewSpecOpenApi().getPaths()).as("paths of the current %s document", group).isNotEmpty();
		assertThat(diff.isIncompatible())
			.as("breaking changes of group %s against %s:%n%s", group, baseline, report(diff))
			.isFalse();
	}

	@Test
	void diffToolFlagsARemovedOperationAndANewRequiredParameter() throws IOException {
		String baseline = Files.readString(BASELINES.resolve("v2.json"));
		ObjectNode withoutCancel = (ObjectNode) json.readTree(baseline);
		((ObjectNode) withoutCancel.get("paths")).remove("/partner/v2/orders/{id}/cancel");
		assertThat(OpenApiCompare.fromContents(baseline, json.writeValueAsString(withoutCancel)).isIncompatible())
			.isTrue();
		ObjectNode statusRequired = (ObjectNode) json.readTree(baseline);
		((ObjectNode) statusRequired.at("/paths/~1partner~1v2~1orders/get/parameters/0")).put("required", true);
		assertThat(OpenApiCompare.fromContents(baseline, json.writeValueAsString(statusRequired)).isIncompatible())
			.isTrue();
		assertThat(OpenApiCompare.fromContents(baseline, baseline).isUnchanged()).isTrue();
	}

	/**
	 * The document without what depends on the run rather than on the contract (the
	 * server URL carries the random port), pretty-printed so that baseline diffs read
	 * well.
	 */
	private static String normalised(String document) throws IOException {
		ObjectNode tree = (ObjectNode) json.readTree(document);
		tree.remove("servers");
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
	}

	private static String report(ChangedOpenApi diff) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			new MarkdownRender().render(diff, writer);
		}
		catch (IOException ex) {
			return "(no report: " + ex.getMessage() + ")";
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
