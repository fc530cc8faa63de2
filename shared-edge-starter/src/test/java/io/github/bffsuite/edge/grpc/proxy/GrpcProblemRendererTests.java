package io.github.bffsuite.edge.grpc.proxy;

import java.util.Base64;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RequestInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.github.bffsuite.edge.web.ProblemResponseWriter;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GrpcProblemRenderer}: the edge's problems as gRPC trailers-only
 * answers, their details read back with the real {@code com.google.rpc} classes.
 */
class GrpcProblemRendererTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final GrpcProblemRenderer renderer = new GrpcProblemRenderer("bff-suite.dev", this.registry);

	private final ProblemResponseWriter writer = new ProblemResponseWriter(ServerCodecConfigurer.create(),
			List.of(this.renderer));

	@ParameterizedTest
	@CsvSource({ "400, INVALID_ARGUMENT", "401, UNAUTHENTICATED", "403, PERMISSION_DENIED", "404, UNIMPLEMENTED",
			"413, RESOURCE_EXHAUSTED", "429, RESOURCE_EXHAUSTED", "431, RESOURCE_EXHAUSTED", "500, INTERNAL",
			"502, UNAVAILABLE", "503, UNAVAILABLE", "504, DEADLINE_EXCEEDED" })
	void answersEachStatusWithItsGrpcCode(int httpStatus, GrpcStatusCode code) throws InvalidProtocolBufferException {
		MockServerWebExchange exchange = grpcCall();
		HttpStatus status = HttpStatus.valueOf(httpStatus);
		this.writer.write(exchange, EdgeProblems.problem(status, EdgeProblems.slug(status), "Refused")).block();
		HttpHeaders headers = exchange.getResponse().getHeaders();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(headers.getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/grpc");
		assertThat(headers.getFirst("grpc-status")).isEqualTo(Integer.toString(code.value()));
		assertThat(headers.getFirst("grpc-message")).isEqualTo("Refused");
		Status details = details(exchange);
		assertThat(details.getCode()).isEqualTo(code.value());
		assertThat(details.getMessage()).isEqualTo("Refused");
		ErrorInfo info = unpack(details, ErrorInfo.class);
		assertThat(info.getReason())
			.isEqualTo(EdgeProblems.slug(status).replace('-', '_').toUpperCase(java.util.Locale.ROOT));
		assertThat(info.getDomain()).isEqualTo("bff-suite.dev");
		assertThat(info.getMetadataMap()).containsEntry("type", EdgeProblems.BASE + EdgeProblems.slug(status))
			.containsEntry("status", Integer.toString(httpStatus))
			.containsEntry("instance", "/bffsuite.product.v1.ProductService/GetProduct");
		assertThat(exchange.getResponse().getBodyAsString().block()).isNullOrEmpty();
		assertThat(this.registry.get("edge.grpc.proxy.errors").tag("code", code.name()).counter().count()).isEqualTo(1);
	}

	@Test
	void carriesRetryInfoFromTheProblemAndTheRequestId() throws InvalidProtocolBufferException {
		MockServerWebExchange exchange = grpcCall();
		exchange.getAttributes().put(RequestIdWebFilter.ATTRIBUTE, "req-42");
		ProblemDetail problem = EdgeProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "quota-exceeded",
				"Rate limit policy 'pro-burst' exceeded");
		problem.setProperty("retryAfter", 17L);
		problem.setProperty("violated-policies", List.of("pro-burst", "pro-daily"));
		problem.setProperty("nested", java.util.Map.of("left", "out"));
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "17");
		this.writer.write(exchange, problem).block();
		Status details = details(exchange);
		assertThat(unpack(details, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(17);
		assertThat(unpack(details, RequestInfo.class).getRequestId()).isEqualTo("req-42");
		assertThat(unpack(details, ErrorInfo.class).getMetadataMap()).containsEntry("retryAfter", "17")
			.containsEntry("violated-policies", "pro-burst,pro-daily")
			.containsEntry("requestId", "req-42")
			.doesNotContainKey("nested");
		// the headers set before the problem go out as its metadata
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("17");
	}

	@Test
	void takesTheRetryDelayFromRetryAfterWhenTheProblemHasNone() throws InvalidProtocolBufferException {
		MockServerWebExchange exchange = grpcCall();
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		this.writer.write(exchange, EdgeProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Busy"))
			.block();
		assertThat(unpack(details(exchange), RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(5);
	}

	@Test
	void percentEncodesTheMessageAsGrpcDoes() {
		MockServerWebExchange exchange = grpcCall();
		this.writer
			.write(exchange, EdgeProblems.problem(HttpStatus.BAD_REQUEST, "bad-request", "100% caf\u00e9\nnext line"))
			.block();
		assertThat(exchange.getResponse().getHeaders().getFirst("grpc-message"))
			.isEqualTo("100%25 caf%C3%A9%0Anext line");
	}

	@Test
	void leavesOtherRequestsToProblemJson() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.post("/partner/v2/orders").contentType(MediaType.APPLICATION_JSON));
		this.writer.write(exchange, EdgeProblems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "No credential"))
			.block();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(exchange.getResponse().getHeaders().getFirst("grpc-status")).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "application/grpc|true", "application/grpc+proto|true", "application/grpc+json|true",
					"Application/GRPC; charset=utf-8|true", "application/grpc-web|false",
					"application/grpc-web+proto|false", "application/json|false", "application/grpcx|false" })
	void recognisesGrpcContentTypes(String contentType, boolean grpc) {
		assertThat(GrpcRequests.isGrpc(contentType)).isEqualTo(grpc);
	}

	private static MockServerWebExchange grpcCall() {
		return MockServerWebExchange.from(MockServerHttpRequest.post("/bffsuite.product.v1.ProductService/GetProduct")
			.header(HttpHeaders.CONTENT_TYPE, "application/grpc")
			.header("te", "trailers"));
	}

	private static Status details(MockServerWebExchange exchange) throws InvalidProtocolBufferException {
		String encoded = exchange.getResponse().getHeaders().getFirst("grpc-status-details-bin");
		assertThat(encoded).isNotNull().doesNotEndWith("=");
		return Status.parseFrom(Base64.getDecoder().decode(encoded));
	}

	private static <T extends com.google.protobuf.Message> T unpack(Status status, Class<T> type)
			throws InvalidProtocolBufferException {
		for (Any detail : status.getDetailsList()) {
			if (detail.is(type)) {
				return detail.unpack(type);
			}
		}
		throw new AssertionError("no " + type.getSimpleName() + " in " + status.getDetailsList());
	}

}
