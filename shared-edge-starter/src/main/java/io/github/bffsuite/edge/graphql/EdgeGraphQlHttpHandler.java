package io.github.bffsuite.edge.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.graphql.MediaTypes;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;
import org.springframework.graphql.server.webflux.GraphQlHttpHandler;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Spring for GraphQL's HTTP handler with the guardrails' transport rules: queries over
 * GET ({@code query}, {@code operationName}, {@code variables}, {@code extensions}
 * parameters, the last two as JSON), JSON arrays of operations refused with
 * {@code BATCHING_NOT_SUPPORTED}, a body that is not a GraphQL request (empty,
 * {@code null}, not JSON, no {@code query}) refused with 400 {@code BAD_REQUEST}, a
 * subscription refused before it runs with 406 {@code SUBSCRIPTION_NEEDS_STREAM} (it
 * needs SSE or graphql-ws; see {@link OperationTransportInstrumentation}), and rejections
 * answered with their own status (429 with {@code Retry-After}, 405 with {@code Allow},
 * 413, 406) whatever the response media type. Other statuses stay Spring's:
 * {@code application/graphql-response+json} by default with 400 for documents that cannot
 * run, {@code application/json} with 200 for legacy clients.
 */
public class EdgeGraphQlHttpHandler extends GraphQlHttpHandler {

	/**
	 * Key of the {@code GraphQLContext} entry that marks an operation sent for a single
	 * response (plain HTTP POST or GET), where a subscription cannot be answered.
	 */
	public static final String SINGLE_RESPONSE = EdgeGraphQlHttpHandler.class.getName() + ".singleResponse";

	private static final String GRAPHQL_REQUEST = "a JSON object with a 'query' string (or a persisted query hash "
			+ "in 'extensions'), and optionally 'operationName', 'variables' and 'extensions'";

	static final String NOT_A_GRAPHQL_REQUEST = "The request body must be " + GRAPHQL_REQUEST;

	private static final MediaType LEGACY_GRAPHQL = new MediaType("application", "graphql+json");

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebGraphQlHandler graphQlHandler;

	private final GraphQlGuardrailMetrics metrics;

	public EdgeGraphQlHttpHandler(WebGraphQlHandler graphQlHandler, GraphQlGuardrailMetrics metrics) {
		this(new TransportMarkingHandler(graphQlHandler, SINGLE_RESPONSE), metrics);
	}

	private EdgeGraphQlHttpHandler(TransportMarkingHandler graphQlHandler, GraphQlGuardrailMetrics metrics) {
		super(graphQlHandler);
		this.graphQlHandler = graphQlHandler;
		this.metrics = metrics;
	}

	@Override
	public Mono<ServerResponse> handleRequest(ServerRequest request) {
		request.attributes().put(EdgeGraphQlInterceptor.EXCHANGE_ATTRIBUTE, request.exchange());
		if (request.method() == HttpMethod.GET) {
			return handleGet(request);
		}
		return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class)).flatMap((body) -> {
			if (isArray(body)) {
				DataBufferUtils.release(body);
				return reject(request, GraphQlRejection.BATCHING_NOT_SUPPORTED,
						"Batched operations (a JSON array) are not supported; send one operation per request");
			}
			return super.handleRequest(ServerRequest.from(request).body(Flux.just(body)).build());
		})
			// no body, or a JSON null: Spring reads no request and answers nothing
			.switchIfEmpty(Mono.defer(() -> badRequest(request, NOT_A_GRAPHQL_REQUEST)))
			.onErrorResume(ServerWebInputException.class, (ex) -> badRequest(request, describe(ex)));
	}

	/**
	 * Describe why Spring for GraphQL could not read a request, in words safe for any
	 * client (decoder messages can quote classes).
	 * @param ex the failure
	 * @return the message
	 */
	static String describe(ServerWebInputException ex) {
		String reason = ex.getReason();
		if (ex.getCause() instanceof DecodingException || reason == null
				|| !reason.matches("(No|Invalid value for) '[A-Za-z]+'")) {
			return NOT_A_GRAPHQL_REQUEST;
		}
		// Spring's own: "No 'query'", "Invalid value for 'variables'"
		return reason + ": the request body must be " + GRAPHQL_REQUEST;
	}

	private Mono<ServerResponse> handleGet(ServerRequest request) {
		request.attributes().put(EdgeGraphQlInterceptor.GET_ATTRIBUTE, true);
		SerializableGraphQlRequest body = new SerializableGraphQlRequest();
		request.queryParam("query").ifPresent(body::setQuery);
		request.queryParam("operationName").ifPresent(body::setOperationName);
		try {
			Map<String, Object> variables = map(request.queryParam("variables").orElse(null));
			if (variables != null) {
				body.setVariables(variables);
			}
			Map<String, Object> extensions = map(request.queryParam("extensions").orElse(null));
			if (extensions != null) {
				body.setExtensions(extensions);
			}
		}
		catch (JacksonException | ClassCastException ex) {
			return badRequest(request, "The 'variables' and 'extensions' parameters must be JSON objects");
		}
		if (body.getQuery() == null && body.getExtensions().get("persistedQuery") == null) {
			return badRequest(request, "A GET request needs a 'query' or a persisted query hash in 'extensions'");
		}
		WebGraphQlRequest graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
				request.cookies(), request.remoteAddress().orElse(null), request.attributes(), body,
				request.exchange().getRequest().getId(), request.exchange().getLocaleContext().getLocale());
		return this.graphQlHandler.handleRequest(graphQlRequest)
			.flatMap((response) -> prepareResponse(request, response));
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> map(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return (Map<String, Object>) json.readValue(value, Map.class);
	}

	/**
	 * Answer with the media type the client accepts,
	 * {@code application/graphql-response+json} when it states no preference among the
	 * GraphQL ones (Spring for GraphQL 2.0 falls back to {@code application/json}, where
	 * the spec asks for the new type).
	 */
	@Override
	protected Mono<ServerResponse> prepareResponse(ServerRequest request, WebGraphQlResponse response) {
		MediaType mediaType = mediaType(request);
		return ServerResponse.status(selectResponseStatus(response, mediaType))
			.headers((headers) -> headers.putAll(response.getResponseHeaders()))
			.contentType(mediaType)
			.bodyValue(encodeResponseIfNecessary(response));
	}

	@Override
	protected HttpStatus selectResponseStatus(WebGraphQlResponse response, MediaType responseMediaType) {
		HttpStatus status = rejectionStatus(response);
		return (status != null) ? status : super.selectResponseStatus(response, responseMediaType);
	}

	/**
	 * Return the status of the rejection a response without data carries, unless it is
	 * 400.
	 * @param response the response
	 * @return the status, or {@code null}
	 */
	static @Nullable HttpStatus rejectionStatus(WebGraphQlResponse response) {
		if (!response.getExecutionResult().isDataPresent()) {
			for (ResponseError error : response.getErrors()) {
				GraphQlRejection rejection = GraphQlRejection.of(error.getExtensions().get("code"));
				if (rejection != null && rejection.status() != HttpStatus.BAD_REQUEST) {
					return rejection.status();
				}
			}
		}
		return null;
	}

	private static boolean isArray(DataBuffer body) {
		for (int i = body.readPosition(); i < body.writePosition(); i++) {
			byte b = body.getByte(i);
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return b == '[';
			}
		}
		return false;
	}

	static Mono<ServerResponse> badRequest(ServerRequest request, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", "BAD_REQUEST"));
		return ServerResponse.status(HttpStatus.BAD_REQUEST)
			.contentType(mediaType(request))
			.bodyValue(Map.of("errors", List.of(error)));
	}

	private Mono<ServerResponse> reject(ServerRequest request, GraphQlRejection rejection, String message) {
		this.metrics.rejected(rejection);
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("message", message);
		error.put("extensions", Map.of("code", rejection.name()));
		return ServerResponse.status(rejection.status())
			.contentType(mediaType(request))
			.bodyValue(Map.of("errors", List.of(error)));
	}

	static MediaType mediaType(ServerRequest request) {
		try {
			for (MediaType accepted : request.headers().accept()) {
				if (MediaTypes.APPLICATION_GRAPHQL_RESPONSE.equals(accepted)) {
					return MediaTypes.APPLICATION_GRAPHQL_RESPONSE;
				}
				if (MediaType.APPLICATION_JSON.equals(accepted) || LEGACY_GRAPHQL.equals(accepted)) {
					return accepted;
				}
			}
		}
		catch (InvalidMediaTypeException ex) {
			throw new NotAcceptableStatusException("Could not parse the Accept header: " + ex.getMessage());
		}
		return MediaTypes.APPLICATION_GRAPHQL_RESPONSE;
	}

}
