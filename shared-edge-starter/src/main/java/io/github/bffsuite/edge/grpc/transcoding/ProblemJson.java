package io.github.bffsuite.edge.grpc.transcoding;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.RequestIdWebFilter;

import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

/**
 * A problem as one line of JSON, for a failure inside a stream whose status line is
 * already sent.
 */
final class ProblemJson {

	private static final Gson GSON = new Gson();

	private ProblemJson() {
	}

	static String write(ProblemDetail problem, ServerWebExchange exchange) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", String.valueOf(problem.getType()));
		json.put("title", problem.getTitle());
		json.put("status", problem.getStatus());
		json.put("detail", problem.getDetail());
		json.put("instance", exchange.getRequest().getPath().value());
		String requestId = RequestIdWebFilter.requestId(exchange);
		if (requestId != null) {
			json.put(EdgeProblems.REQUEST_ID, requestId);
		}
		if (problem.getProperties() != null) {
			json.putAll(problem.getProperties());
		}
		return GSON.toJson(json);
	}

}
