package io.github.bffsuite.edge.grpc.proxy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemRenderer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers the edge's problems to gRPC calls as gRPC statuses: a trailers-only response
 * (HTTP 200, {@code grpc-status}, a percent-encoded {@code grpc-message} and
 * {@code grpc-status-details-bin}, a {@code google.rpc.Status} whose {@code ErrorInfo}
 * names the problem type, with {@code RetryInfo} when the problem says when to retry and
 * {@code RequestInfo} with the request id). The headers already set on the response, such
 * as {@code RateLimit-*} and {@code Retry-After}, go out with it as metadata.
 */
public class GrpcProblemRenderer implements ProblemRenderer, Ordered {

	/** Header of the gRPC status code. */
	public static final String GRPC_STATUS = "grpc-status";

	/** Header of the gRPC status message. */
	public static final String GRPC_MESSAGE = "grpc-message";

	/** Header of the serialized {@code google.rpc.Status}. */
	public static final String GRPC_STATUS_DETAILS = "grpc-status-details-bin";

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String domain;

	private final @Nullable MeterRegistry registry;

	/**
	 * Create a renderer.
	 * @param domain the {@code ErrorInfo} domain of its errors
	 * @param registry where to count the statuses it answers, if anywhere
	 */
	public GrpcProblemRenderer(String domain, @Nullable MeterRegistry registry) {
		this.domain = domain;
		this.registry = registry;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public boolean supports(ServerWebExchange exchange) {
		return GrpcRequests.isGrpc(exchange.getRequest());
	}

	@Override
	public Mono<Void> render(ServerWebExchange exchange, ProblemDetail problem) {
		GrpcStatusCode code = GrpcStatusCode.forHttpStatus(problem.getStatus());
		String message = (problem.getDetail() != null) ? problem.getDetail()
				: EdgeProblems.title(HttpStatusCode.valueOf(problem.getStatus()));
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		Duration retryDelay = retryDelay(problem, headers);
		String requestId = stringProperty(problem, EdgeProblems.REQUEST_ID);
		byte[] details = GrpcStatusDetails.encode(code.value(), message, reason(problem), this.domain,
				metadata(problem), retryDelay, requestId);
		// gRPC answers with 200 whatever the outcome: the status is in grpc-status
		response.setStatusCode(HttpStatus.OK);
		headers.remove(HttpHeaders.CONTENT_LENGTH);
		headers.set(HttpHeaders.CONTENT_TYPE, GrpcRequests.CONTENT_TYPE);
		headers.set(GRPC_STATUS, Integer.toString(code.value()));
		headers.set(GRPC_MESSAGE, percentEncode(message));
		headers.set(GRPC_STATUS_DETAILS, Base64.getEncoder().withoutPadding().encodeToString(details));
		count(code);
		return response.setComplete();
	}

	private void count(GrpcStatusCode code) {
		if (this.registry != null) {
			Counter.builder("edge.grpc.proxy.errors")
				.description("gRPC calls the edge answered with an error status itself")
				.tag("code", code.name())
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * The {@code ErrorInfo} reason: the last segment of the problem type in gRPC's
	 * UPPER_SNAKE_CASE ({@code rate-limited} becomes {@code RATE_LIMITED}); the full type
	 * URI is in the metadata as {@code type}.
	 */
	private static String reason(ProblemDetail problem) {
		String type = problem.getType().toString();
		String slug = type.substring(type.lastIndexOf('/') + 1);
		if (slug.isEmpty()) {
			slug = EdgeProblems.slug(HttpStatusCode.valueOf(problem.getStatus()));
		}
		return slug.replace('-', '_').toUpperCase(Locale.ROOT);
	}

	private static Map<String, String> metadata(ProblemDetail problem) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("type", problem.getType().toString());
		metadata.put("status", Integer.toString(problem.getStatus()));
		URI instance = problem.getInstance();
		if (instance != null) {
			metadata.put("instance", instance.toString());
		}
		Map<String, @Nullable Object> properties = problem.getProperties();
		if (properties != null) {
			properties.forEach((name, value) -> {
				String text = scalar(value);
				if (text != null) {
					metadata.putIfAbsent(name, text);
				}
			});
		}
		return metadata;
	}

	private static @Nullable String scalar(@Nullable Object value) {
		if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		if (value instanceof Collection<?> values) {
			return values.stream()
				.map(GrpcProblemRenderer::scalar)
				.filter((text) -> text != null)
				.collect(Collectors.joining(","));
		}
		return null;
	}

	private static @Nullable String stringProperty(ProblemDetail problem, String name) {
		Map<String, @Nullable Object> properties = problem.getProperties();
		Object value = (properties != null) ? properties.get(name) : null;
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable Duration retryDelay(ProblemDetail problem, HttpHeaders headers) {
		Map<String, @Nullable Object> properties = problem.getProperties();
		if (properties != null && properties.get("retryAfter") instanceof Number seconds) {
			return Duration.ofSeconds(seconds.longValue());
		}
		String retryAfter = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (retryAfter != null) {
			try {
				return Duration.ofSeconds(Long.parseLong(retryAfter.trim()));
			}
			catch (NumberFormatException ex) {
				// an HTTP date: no RetryInfo, the header itself still goes out
			}
		}
		return null;
	}

	/**
	 * gRPC's percent-encoding of {@code grpc-message}: UTF-8, with every byte outside
	 * printable ASCII and {@code %} itself as {@code %XX}.
	 */
	static String percentEncode(String message) {
		byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (c < 0x20 || c > 0x7E || c == '%') {
				out.write('%');
				out.write(HEX[c >> 4]);
				out.write(HEX[c & 0xF]);
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.US_ASCII);
	}

}
