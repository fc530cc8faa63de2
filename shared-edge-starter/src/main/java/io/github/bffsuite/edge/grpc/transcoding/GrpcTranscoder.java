package io.github.bffsuite.edge.grpc.transcoding;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.github.bffsuite.edge.web.EdgeProblems;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Answers an HTTP request with a gRPC call, as the {@code google.api.http} rules of the
 * service's descriptor set say: finds the binding, builds the request message from the
 * path, query and JSON body, calls the method with the edge's identity and deadline, and
 * writes the answer in the proto3 JSON mapping (a stream as server-sent events, or as
 * NDJSON when the client accepts {@code application/x-ndjson}). Every failure is a
 * problem: a request that does not fit the message a 400 naming the field, a gRPC status
 * its HTTP status by the standard table.
 */
public class GrpcTranscoder {

	/** Media type of a stream of JSON lines. */
	public static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

	private static final Log logger = LogFactory.getLog(GrpcTranscoder.class);

	private final EdgeGrpcProperties.Transcoding settings;

	private final GrpcMetadata metadata;

	private final @Nullable MeterRegistry meterRegistry;

	private final Map<GrpcBackend, Codecs> codecs = new ConcurrentHashMap<>();

	private final Map<com.google.protobuf.Descriptors.MethodDescriptor, MethodDescriptor<DynamicMessage, DynamicMessage>> methods = new ConcurrentHashMap<>();

	GrpcTranscoder(EdgeGrpcProperties.Transcoding settings, GrpcMetadata metadata,
			@Nullable MeterRegistry meterRegistry) {
		this.settings = settings;
		this.metadata = metadata;
		this.meterRegistry = meterRegistry;
	}

	/**
	 * Answer a request with a call to a service.
	 * @param exchange the exchange
	 * @param backend the service
	 * @return completion, or an {@link ErrorResponseException} problem before anything is
	 * written
	 */
	public Mono<Void> transcode(ServerWebExchange exchange, GrpcBackend backend) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().pathWithinApplication().value();
		GrpcBackend.Match match;
		try {
			match = backend.match(request.getMethod().name(), path);
		}
		catch (InvalidRequestException ex) {
			return Mono.error(GrpcProblems.invalidRequest(ex.field(), ex.reason()));
		}
		if (match == null) {
			return Mono.error(EdgeProblems.exception(HttpStatus.NOT_FOUND, "not-found",
					"No operation of " + backend.name() + " matches " + request.getMethod().name() + " " + path));
		}
		HttpBinding binding = match.binding();
		if (binding == null) {
			return Mono.error(EdgeProblems.exception(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
					"The method is not allowed for this resource"));
		}
		Codecs codecs = this.codecs.computeIfAbsent(backend, Codecs::new);
		return body(exchange, binding).flatMap((body) -> {
			DynamicMessage message;
			try {
				message = codecs.requests.build(binding, match.variables(), request.getQueryParams(), body,
						backend.maxMessageSize());
			}
			catch (InvalidRequestException ex) {
				return Mono.error(GrpcProblems.invalidRequest(ex.field(), ex.reason()));
			}
			String audience = (backend.settings().getAudience() != null) ? backend.settings().getAudience()
					: backend.name();
			return this.metadata.of(exchange, audience)
				.flatMap((headers) -> binding.serverStreaming()
						? stream(exchange, backend, binding, codecs, message, headers)
						: unary(exchange, backend, binding, codecs, message, headers));
		});
	}

	private Mono<String> body(ServerWebExchange exchange, HttpBinding binding) {
		if (binding.body().isEmpty()) {
			return Mono.just("");
		}
		MediaType contentType = exchange.getRequest().getHeaders().getContentType();
		if (contentType != null && !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				&& !contentType.getSubtype().endsWith("+json")) {
			return Mono.error(EdgeProblems.exception(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
					"The request body must be application/json"));
		}
		int limit = (int) Math.min(Integer.MAX_VALUE, this.settings.getMaxBodySize().toBytes());
		return DataBufferUtils.join(exchange.getRequest().getBody(), limit).map((buffer) -> {
			try {
				return buffer.toString(StandardCharsets.UTF_8);
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		})
			.defaultIfEmpty("")
			.onErrorMap(DataBufferLimitException.class, (ex) -> EdgeProblems.exception(HttpStatus.PAYLOAD_TOO_LARGE,
					"payload-too-large", "The request body is larger than " + limit + " bytes"));
	}

	private Mono<Void> unary(ServerWebExchange exchange, GrpcBackend backend, HttpBinding binding, Codecs codecs,
			DynamicMessage message, Metadata headers) {
		CallOptions options = options(backend, backend.settings().getDeadline());
		Timer.Sample sample = (this.meterRegistry != null) ? Timer.start(this.meterRegistry) : null;
		return GrpcCalls.unary(backend.channel(), method(binding), options, headers, message).doOnEach((signal) -> {
			if (sample != null && (signal.isOnNext() || signal.isOnError())) {
				record(sample, backend, binding, signal.isOnError() ? signal.getThrowable() : null);
			}
		}).onErrorMap(GrpcTranscoder::isGrpcFailure, (ex) -> problem(backend, binding, ex)).flatMap((response) -> {
			ServerHttpResponse httpResponse = exchange.getResponse();
			byte[] json = codecs.print(responseBody(binding, response)).getBytes(StandardCharsets.UTF_8);
			httpResponse.setStatusCode(HttpStatus.OK);
			httpResponse.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			httpResponse.getHeaders().setContentLength(json.length);
			return httpResponse.writeWith(Mono.just(httpResponse.bufferFactory().wrap(json)));
		});
	}

	private Mono<Void> stream(ServerWebExchange exchange, GrpcBackend backend, HttpBinding binding, Codecs codecs,
			DynamicMessage message, Metadata headers) {
		boolean ndjson = exchange.getRequest()
			.getHeaders()
			.getAccept()
			.stream()
			.anyMatch((type) -> type.isCompatibleWith(NDJSON) && !type.isWildcardType());
		CallOptions options = options(backend, backend.settings().getStreamDeadline());
		AtomicLong sequence = new AtomicLong();
		ServerHttpResponse response = exchange.getResponse();
		Flux<DataBuffer> events = GrpcCalls
			.serverStreaming(backend.channel(), method(binding), options, headers, message)
			.switchOnFirst((first, all) -> {
				if (first.isOnError()) {
					// nothing written yet: the problem becomes the answer
					return Flux.error(problem(backend, binding, first.getThrowable()));
				}
				return all
					.map((item) -> event(ndjson, sequence.incrementAndGet(), null,
							codecs.print(responseBody(binding, item))))
					.onErrorResume((ex) -> Mono.just(event(ndjson, sequence.incrementAndGet(), "error",
							ProblemJson.write(problem(backend, binding, ex).getBody(), exchange))));
			})
			.map((text) -> response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8)));
		response.setStatusCode(HttpStatus.OK);
		response.getHeaders()
			.setContentType(ndjson ? NDJSON : new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8));
		response.getHeaders().setCacheControl("no-store");
		return response.writeAndFlushWith(events.map(Mono::just));
	}

	private static String event(boolean ndjson, long id, @Nullable String type, String json) {
		if (ndjson) {
			return (type != null) ? "{\"" + type + "\":" + json + "}\n" : json + "\n";
		}
		return "id: " + id + "\n" + ((type != null) ? "event: " + type + "\n" : "") + "data: " + json + "\n\n";
	}

	private static Message responseBody(HttpBinding binding, DynamicMessage response) {
		if (binding.responseBody().isEmpty()) {
			return response;
		}
		FieldDescriptor field = response.getDescriptorForType().findFieldByName(binding.responseBody());
		if (field == null || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isRepeated()) {
			// a scalar or repeated response_body: print the whole message rather than
			// guess
			return response;
		}
		return (Message) response.getField(field);
	}

	private static CallOptions options(GrpcBackend backend, @Nullable Duration deadline) {
		CallOptions options = CallOptions.DEFAULT.withMaxOutboundMessageSize(backend.maxMessageSize())
			.withMaxInboundMessageSize(backend.maxMessageSize());
		// sent to the service as grpc-timeout
		return (deadline != null) ? options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS) : options;
	}

	private MethodDescriptor<DynamicMessage, DynamicMessage> method(HttpBinding binding) {
		return this.methods.computeIfAbsent(binding.method(), GrpcCalls::method);
	}

	private static boolean isGrpcFailure(Throwable ex) {
		return ex instanceof io.grpc.StatusRuntimeException || ex instanceof io.grpc.StatusException;
	}

	private ErrorResponseException problem(GrpcBackend backend, HttpBinding binding, Throwable ex) {
		if (ex instanceof ErrorResponseException problem) {
			return problem;
		}
		ErrorResponseException problem = GrpcProblems.of(ex);
		if (problem.getStatusCode().is5xxServerError()) {
			Status status = Status.fromThrowable(ex);
			logger.warn("gRPC call " + binding.method().getFullName() + " to " + backend.name() + " failed: "
					+ status.getCode() + ((status.getDescription() != null) ? " " + status.getDescription() : ""));
		}
		return problem;
	}

	private void record(Timer.Sample sample, GrpcBackend backend, HttpBinding binding, @Nullable Throwable failure) {
		String code = (failure != null) ? Status.fromThrowable(failure).getCode().name() : Status.Code.OK.name();
		sample.stop(Timer.builder("edge.grpc.transcoding.calls")
			.description("Transcoded gRPC calls")
			.tag("service", backend.name())
			.tag("method", binding.method().getFullName())
			.tag("status", code)
			.register(this.meterRegistry));
	}

	/**
	 * The JSON parser, printer and request builder of one service's types.
	 */
	private final class Codecs {

		private final RequestMessages requests;

		private final JsonFormat.Printer printer;

		Codecs(GrpcBackend backend) {
			JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(backend.typeRegistry());
			this.requests = new RequestMessages(parser, GrpcTranscoder.this.settings.isRejectUnknownQueryParameters());
			this.printer = JsonFormat.printer()
				.usingTypeRegistry(backend.typeRegistry())
				.omittingInsignificantWhitespace();
		}

		String print(Message message) {
			try {
				return this.printer.print(message);
			}
			catch (InvalidProtocolBufferException ex) {
				throw EdgeProblems.exception(HttpStatus.BAD_GATEWAY, "bad-gateway",
						"The gRPC service's answer cannot be written as JSON");
			}
		}

	}

}
