package io.github.bffsuite.edge.graphql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.preparsed.persisted.PersistedQuerySupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.SubscriptionPublisherException;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * Has the last word on the GraphQL errors a client sees, over HTTP, SSE and WebSocket:
 * every error gets an {@code extensions.code}, including graphql-java's own (such as
 * {@code BadFaithIntrospection}) and those in a subscription's events, from its
 * classification when it has none ({@code GRAPHQL_PARSE_FAILED},
 * {@code GRAPHQL_VALIDATION_FAILED}, {@code BAD_FAITH_INTROSPECTION}, ...). A request
 * whose document is only Spring for GraphQL's persisted-query placeholder (a
 * {@code persistedQuery} extension without a {@code sha256Hash}) is refused with
 * {@code BAD_REQUEST} before the parser can quote the placeholder in its message. First
 * in the chain, so it sees the guardrails' rejections too.
 */
public class EdgeGraphQlErrorsInterceptor implements WebGraphQlInterceptor, Ordered {

	/** Order of this interceptor: before the guardrails, so it sees their answers. */
	public static final int ORDER = EdgeGraphQlInterceptor.ORDER - 1;

	private static final Log logger = LogFactory.getLog(EdgeGraphQlErrorsInterceptor.class);

	private static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (PersistedQuerySupport.PERSISTED_QUERY_MARKER.equals(request.getDocument())
				&& EdgeGraphQlInterceptor.persistedQueryHash(request.getExtensions()) == null) {
			GraphQLError error = GraphqlErrorBuilder.newError()
				.message("The request has no 'query' and no 'extensions.persistedQuery.sha256Hash'; "
						+ "send the document, or the SHA-256 hash of a registered one")
				.errorType(ErrorType.ValidationError)
				.extensions(Map.of("code", "BAD_REQUEST"))
				.build();
			ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
			return Mono
				.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
		}
		return chain.next(request).map(EdgeGraphQlErrorsInterceptor::coded);
	}

	@SuppressWarnings("unchecked")
	private static WebGraphQlResponse coded(WebGraphQlResponse response) {
		Publisher<ExecutionResult> events = (response.getData() instanceof Publisher<?> publisher)
				? (Publisher<ExecutionResult>) publisher : null;
		boolean uncoded = !allCoded(response.getErrors());
		if (events == null && !uncoded) {
			return response;
		}
		return response.transform((builder) -> {
			if (uncoded) {
				builder.errors(coded(response.getExecutionResult().getErrors()));
			}
			if (events != null) {
				builder.data(Flux.from(events)
					.map(EdgeGraphQlErrorsInterceptor::coded)
					.onErrorMap(EdgeGraphQlErrorsInterceptor::coded));
			}
		});
	}

	private static ExecutionResult coded(ExecutionResult result) {
		List<GraphQLError> errors = result.getErrors();
		if (errors.stream().allMatch(EdgeGraphQlErrorsInterceptor::hasCode)) {
			return result;
		}
		return result.transform((builder) -> builder.errors(coded(errors)));
	}

	private static Throwable coded(Throwable ex) {
		if (ex instanceof SubscriptionPublisherException published) {
			if (published.getErrors().stream().allMatch(EdgeGraphQlErrorsInterceptor::hasCode)) {
				return published;
			}
			return new SubscriptionPublisherException(coded(published.getErrors()), published.getCause());
		}
		// no exception resolver had a word for it: Spring would answer a bare
		// "Subscription error"
		logger.error("Unresolved failure of a GraphQL subscription", ex);
		return new SubscriptionPublisherException(List.of(GraphqlErrorBuilder.newError()
			.message("Subscription error")
			.errorType(org.springframework.graphql.execution.ErrorType.INTERNAL_ERROR)
			.extensions(Map.of("code", INTERNAL_ERROR))
			.build()), ex);
	}

	private static boolean allCoded(List<ResponseError> errors) {
		for (ResponseError error : errors) {
			if (!error.getExtensions().containsKey("code")) {
				return false;
			}
		}
		return true;
	}

	private static boolean hasCode(GraphQLError error) {
		Map<String, Object> extensions = error.getExtensions();
		return extensions != null && extensions.containsKey("code");
	}

	private static List<GraphQLError> coded(List<GraphQLError> errors) {
		List<GraphQLError> coded = new ArrayList<>(errors.size());
		for (GraphQLError error : errors) {
			if (hasCode(error)) {
				coded.add(error);
				continue;
			}
			Map<String, Object> extensions = error.getExtensions();
			Map<String, Object> withCode = new LinkedHashMap<>((extensions != null) ? extensions : Map.of());
			withCode.put("code", code(error.getErrorType()));
			coded.add(GraphqlErrorBuilder.newError()
				.message(error.getMessage())
				.locations(error.getLocations())
				.path(error.getPath())
				.errorType(error.getErrorType())
				.extensions(withCode)
				.build());
		}
		return coded;
	}

	/**
	 * Return the code of an error without one, from its classification:
	 * {@code GRAPHQL_PARSE_FAILED} and {@code GRAPHQL_VALIDATION_FAILED} for
	 * graphql-java's syntax and validation errors (as the guardrails code them),
	 * {@code INTERNAL_ERROR} for data fetching failures and errors without a
	 * classification, and the classification's name in upper snake case otherwise
	 * ({@code BadFaithIntrospection} is {@code BAD_FAITH_INTROSPECTION}, Spring for
	 * GraphQL's {@code NOT_FOUND} stays {@code NOT_FOUND}).
	 * @param classification the classification
	 * @return the code
	 */
	static String code(@Nullable ErrorClassification classification) {
		if (classification == ErrorType.InvalidSyntax) {
			return "GRAPHQL_PARSE_FAILED";
		}
		if (classification == ErrorType.ValidationError) {
			return "GRAPHQL_VALIDATION_FAILED";
		}
		if (classification == null || classification == ErrorType.DataFetchingException) {
			return INTERNAL_ERROR;
		}
		String name = classification.toString();
		if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
			return INTERNAL_ERROR;
		}
		return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
	}

}
