package io.github.bffsuite.edge.graphql;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Why the guardrails refused an operation: the stable {@code extensions.code} of the
 * GraphQL error, the HTTP status it is answered with, and the {@code reason} tag of the
 * {@code edge.graphql.rejections} metric.
 */
public enum GraphQlRejection {

	/** The document is larger than allowed. */
	DOCUMENT_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),

	/** The parser saw more tokens than allowed. */
	MAX_TOKENS_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** The parser recursed deeper than allowed. */
	MAX_RECURSION_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** Fields are nested deeper than allowed. */
	MAX_DEPTH_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More aliases than allowed. */
	MAX_ALIASES_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More root fields than allowed. */
	MAX_ROOT_FIELDS_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More directives than allowed. */
	MAX_DIRECTIVES_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More fields (duplicates included) than allowed. */
	MAX_FIELDS_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More fragment definitions in the document than allowed. */
	MAX_FRAGMENTS_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** Fragment spreads nested deeper than allowed. */
	MAX_FRAGMENT_DEPTH_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** More definitions that the operation does not use than allowed. */
	MAX_UNUSED_DEFINITIONS_EXCEEDED(HttpStatus.BAD_REQUEST),

	/**
	 * A document that GraphQL's validation would refuse, found before graphql-java sees
	 * it: a fragment no operation uses, no operation to run.
	 */
	GRAPHQL_VALIDATION_FAILED(HttpStatus.BAD_REQUEST),

	/** A static cost higher than allowed. */
	COST_LIMIT_EXCEEDED(HttpStatus.BAD_REQUEST),

	/** A fragment spreads itself. */
	CIRCULAR_FRAGMENTS(HttpStatus.BAD_REQUEST),

	/** The caller's cost budget is spent for now. */
	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),

	/** The caller cannot be identified as the cost policy's key requires. */
	RATE_LIMIT_KEY_MISSING(HttpStatus.FORBIDDEN),

	/** Rate limiting is unavailable and the cost policy fails closed. */
	RATE_LIMITER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),

	/** A persisted query hash that is not registered. */
	PERSISTED_QUERY_NOT_FOUND(HttpStatus.OK),

	/** Persisted queries are disabled. */
	PERSISTED_QUERY_NOT_SUPPORTED(HttpStatus.BAD_REQUEST),

	/** The document does not have the SHA-256 hash sent with it. */
	PERSISTED_QUERY_HASH_MISMATCH(HttpStatus.BAD_REQUEST),

	/** Only trusted documents may run, and this one is not. */
	DOCUMENT_NOT_TRUSTED(HttpStatus.BAD_REQUEST),

	/** Introspection is disabled. */
	INTROSPECTION_DISABLED(HttpStatus.BAD_REQUEST),

	/** A JSON array of operations. */
	BATCHING_NOT_SUPPORTED(HttpStatus.BAD_REQUEST),

	/**
	 * A subscription sent for a single response: it needs GraphQL over SSE or graphql-ws.
	 */
	SUBSCRIPTION_NEEDS_STREAM(HttpStatus.NOT_ACCEPTABLE),

	/** A query or mutation sent for an event stream, which only subscriptions get. */
	OPERATION_NOT_ALLOWED_OVER_SSE(HttpStatus.BAD_REQUEST),

	/** A mutation or subscription sent with GET. */
	OPERATION_NOT_ALLOWED_OVER_GET(HttpStatus.METHOD_NOT_ALLOWED);

	private final HttpStatus status;

	GraphQlRejection(HttpStatus status) {
		this.status = status;
	}

	/**
	 * Return the HTTP status the rejection is answered with.
	 * @return the status
	 */
	public HttpStatus status() {
		return this.status;
	}

	/**
	 * Return the metric tag, such as {@code max-depth-exceeded}.
	 * @return the reason
	 */
	public String reason() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the rejection of a code.
	 * @param code an {@code extensions.code}
	 * @return the rejection, {@code null} when the code is not one
	 */
	public static @Nullable GraphQlRejection of(@Nullable Object code) {
		if (code instanceof String name) {
			for (GraphQlRejection rejection : values()) {
				if (rejection.name().equals(name)) {
					return rejection;
				}
			}
		}
		return null;
	}

}
