package io.github.bffsuite.edge.observability;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.json.JsonWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log line is the JSON that Spring Boot's {@code JsonWriter} writes for the
 * same members, character for character, and it parses back to the values.
 */
class AccessLogEntryTests {

	private static final JsonWriter<AccessLogEntry> BOOT = JsonWriter.of((members) -> {
		members.add("type", "access");
		members.add("method", AccessLogEntry::method);
		members.add("route", AccessLogEntry::route);
		members.add("path", AccessLogEntry::path);
		members.add("status", AccessLogEntry::status);
		members.add("durationMs", AccessLogEntry::durationMs);
		members.add("bytes", AccessLogEntry::bytes);
		members.add("requestId", AccessLogEntry::requestId).whenNotNull();
		members.add("principal", AccessLogEntry::principal).whenNotNull();
		members.add("tenant", AccessLogEntry::tenant).whenNotNull();
		members.add("client", AccessLogEntry::client);
		members.add("traceId", AccessLogEntry::traceId).whenNotNull();
	});

	@Test
	void writesWhatBootsJsonWriterWrites() {
		String[] strings = { "", "/api/products/p-0001", "quote \" and backslash \\", "\b\f\n\r\t",
				"control \u0000 \u0001 \u001f \u007f \u0085 \u009f", "caf\u00e9 \u2028 \ud83d\ude00", "a/b",
				"</script>" };
		for (String text : strings) {
			for (AccessLogEntry entry : new AccessLogEntry[] {
					new AccessLogEntry("GET", "products", text, 200, 12, 657, "r-1", "u-001", "acme", "web", "0af7"),
					new AccessLogEntry(text, text, text, 431, 0, 0, text, text, text, text, text), new AccessLogEntry(
							"POST", "none", text, 500, Long.MAX_VALUE, -1, null, null, null, "web", null) }) {
				assertThat(entry.toJson()).isEqualTo(BOOT.writeToString(entry));
			}
		}
	}

	@Test
	void parsesBackToItsValues() {
		AccessLogEntry entry = new AccessLogEntry("GET", "products", "/api/\"x\"\n\u0001", 404, 3, 10, "r-1", null,
				null, "partner", "abc");
		Map<String, Object> parsed = JsonMapper.builder().build().readValue(entry.toJson(), new TypeReference<>() {
		});
		assertThat(parsed).containsEntry("type", "access")
			.containsEntry("path", "/api/\"x\"\n\u0001")
			.containsEntry("status", 404)
			.containsEntry("client", "partner")
			.doesNotContainKey("principal")
			.doesNotContainKey("tenant")
			.hasSize(10);
	}

}
