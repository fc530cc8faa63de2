package io.github.bffsuite.edge.observability;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonWriter;

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

	private static final JsonWriter<AccessLogEntry> JSON = JsonWriter.of((members) -> {
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

	/**
	 * Render the entry as one line of JSON.
	 * @return the JSON
	 */
	public String toJson() {
		return JSON.writeToString(this);
	}

}
