package io.github.bffsuite.edge.graphql;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

import org.springframework.http.HttpHeaders;

/**
 * Signals that the guardrails refuse an operation; carries the GraphQL error to answer
 * with and the response headers to add.
 */
public class GraphQlRejectedException extends RuntimeException {

	private final GraphQlRejection rejection;

	private final Map<String, Object> extensions = new LinkedHashMap<>();

	private final HttpHeaders headers = new HttpHeaders();

	public GraphQlRejectedException(GraphQlRejection rejection, String message) {
		super(message, null, false, false);
		this.rejection = rejection;
		this.extensions.put("code", rejection.name());
	}

	/**
	 * Add an error extension.
	 * @param name the name
	 * @param value the value
	 * @return this exception
	 */
	public GraphQlRejectedException extension(String name, Object value) {
		this.extensions.put(name, value);
		return this;
	}

	/**
	 * Add a response header.
	 * @param name the name
	 * @param value the value
	 * @return this exception
	 */
	public GraphQlRejectedException header(String name, String value) {
		this.headers.set(name, value);
		return this;
	}

	public GraphQlRejection getRejection() {
		return this.rejection;
	}

	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * Return the GraphQL error.
	 * @return the error
	 */
	public GraphQLError toError() {
		return GraphqlErrorBuilder.newError()
			.message(getMessage())
			.errorType(ErrorType.ExecutionAborted)
			.extensions(this.extensions)
			.build();
	}

}
