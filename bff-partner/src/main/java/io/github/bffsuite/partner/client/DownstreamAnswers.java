package io.github.bffsuite.partner.client;

import java.util.Map;

import io.github.bffsuite.edge.web.EdgeProblems;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Turns a downstream answer into a body or a partner-facing problem: a 4xx keeps its
 * status and the downstream's detail (it is about the partner's request), anything else
 * unexpected is a 502 that names no internals.
 */
final class DownstreamAnswers {

	private static final ParameterizedTypeReference<Map<String, Object>> PROBLEM = new ParameterizedTypeReference<>() {
	};

	private DownstreamAnswers() {
	}

	static <T> Mono<T> body(ClientResponse response, String service, Class<T> type) {
		return body(response, service, ParameterizedTypeReference.forType(type));
	}

	static <T> Mono<T> body(ClientResponse response, String service, ParameterizedTypeReference<T> type) {
		HttpStatusCode status = response.statusCode();
		if (status.is2xxSuccessful()) {
			return response.bodyToMono(type);
		}
		if (status.is4xxClientError()) {
			return response.bodyToMono(PROBLEM)
				.onErrorResume((ex) -> Mono.empty())
				.defaultIfEmpty(Map.of())
				.flatMap(
						(problem) -> Mono.error(EdgeProblems.exception(status, slug(status), detail(problem, status))));
		}
		return response.releaseBody()
			.then(Mono.error(EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
					"Service '" + service + "' answered " + status.value())));
	}

	private static String slug(HttpStatusCode status) {
		return (status.value() == 400) ? "validation-failed" : EdgeProblems.slug(status);
	}

	private static String detail(Map<String, Object> problem, HttpStatusCode status) {
		Object detail = problem.get("detail");
		return (detail instanceof String text && !text.isBlank()) ? text : EdgeProblems.title(status);
	}

}
