package io.github.bffsuite.edge.observability;

import org.jspecify.annotations.Nullable;

/**
 * What the access log and the route metrics know about one request once it completed.
 * Never holds a credential: the principal is its id and tenant only.
 *
 * @param method the HTTP method
 * @param route the route id or handler pattern, {@code none} when no route matched
 * @param path the request path, without the query string
 * @param status the response status
 * @param durationMs the time from request to response completion
 * @param bytes the response body bytes written
 * @param requestId the request id
 * @param principal the principal id (user id or client id)
 * @param tenant the tenant
 * @param client the client type of the gateway
 * @param traceId the trace id
 */
public record AccessLogEntry(String method, String route, String path, int status, long durationMs, long bytes,
		@Nullable String requestId, @Nullable String principal, @Nullable String tenant, String client,
		@Nullable String traceId) {

	/**
	 * Render the entry as one line of JSON.
	 * @return the JSON
	 */
	public String toJson() {
		StringBuilder json = new StringBuilder(256).append('{');
		field(json, "type", "access", true);
		field(json, "method", this.method, false);
		field(json, "route", this.route, false);
		field(json, "path", this.path, false);
		json.append(",\"status\":").append(this.status);
		json.append(",\"durationMs\":").append(this.durationMs);
		json.append(",\"bytes\":").append(this.bytes);
		field(json, "requestId", this.requestId, false);
		field(json, "principal", this.principal, false);
		field(json, "tenant", this.tenant, false);
		field(json, "client", this.client, false);
		field(json, "traceId", this.traceId, false);
		return json.append('}').toString();
	}

	private static void field(StringBuilder json, String name, @Nullable String value, boolean first) {
		if (value == null) {
			return;
		}
		if (!first) {
			json.append(',');
		}
		json.append('"').append(name).append("\":\"");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
