package io.github.bffsuite.edge.grpc.transcoding;

import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.MethodDescriptor;

/**
 * One HTTP binding of a gRPC method: a {@code google.api.http} rule or one of its
 * {@code additional_bindings}.
 *
 * @param httpMethod the HTTP method, such as {@code GET}
 * @param template the path template
 * @param body the request field the body maps to: {@code *} for the whole message, a
 * field name, or empty for no body
 * @param responseBody the response field written as the body, empty for the whole message
 * @param method the gRPC method
 */
public record HttpBinding(String httpMethod, PathTemplate template, String body, String responseBody,
		MethodDescriptor method) {

	static HttpBinding of(HttpRule rule, MethodDescriptor method) {
		String httpMethod;
		String path;
		switch (rule.getPatternCase()) {
			case GET -> {
				httpMethod = "GET";
				path = rule.getGet();
			}
			case PUT -> {
				httpMethod = "PUT";
				path = rule.getPut();
			}
			case POST -> {
				httpMethod = "POST";
				path = rule.getPost();
			}
			case DELETE -> {
				httpMethod = "DELETE";
				path = rule.getDelete();
			}
			case PATCH -> {
				httpMethod = "PATCH";
				path = rule.getPatch();
			}
			case CUSTOM -> {
				httpMethod = rule.getCustom().getKind();
				path = rule.getCustom().getPath();
			}
			default -> throw new IllegalArgumentException("HTTP rule of " + method.getFullName() + " has no pattern");
		}
		return new HttpBinding(httpMethod, PathTemplate.parse(path), rule.getBody(), rule.getResponseBody(), method);
	}

	/**
	 * Return the path template as written in the rule.
	 * @return the template
	 */
	public String path() {
		return this.template.toString();
	}

	/**
	 * Whether the method streams its responses.
	 * @return whether it is server-streaming
	 */
	public boolean serverStreaming() {
		return this.method.isServerStreaming();
	}

}
