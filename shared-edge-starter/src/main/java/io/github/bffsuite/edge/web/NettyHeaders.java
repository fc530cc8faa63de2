package io.github.bffsuite.edge.web;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * The headers exactly as Reactor Netty decoded them or will write them, for the checks
 * that read every header of every request or response (firewall, request limits, spoofed
 * identity headers): Spring's case-insensitive view of them builds a set of names and a
 * list of values per name on each iteration. Only what is still the server's own
 * qualifies: a decorated or mutated request may carry other headers, and so may a
 * response decorator that keeps headers of its own; those are read through their own
 * views.
 */
public final class NettyHeaders {

	private static final @Nullable Class<?> REACTOR_REQUEST = reactorClass("ReactorServerHttpRequest");

	private static final @Nullable Class<?> REACTOR_RESPONSE = reactorClass("ReactorServerHttpResponse");

	private NettyHeaders() {
	}

	private static @Nullable Class<?> reactorClass(String simpleName) {
		try {
			return ClassUtils.forName("org.springframework.http.server.reactive." + simpleName,
					NettyHeaders.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return Reactor Netty's headers of a request served by Reactor Netty and neither
	 * decorated nor mutated since.
	 * @param request the request
	 * @return the headers, or {@code null} to read the request's own headers
	 */
	public static io.netty.handler.codec.http.@Nullable HttpHeaders of(ServerHttpRequest request) {
		if (REACTOR_REQUEST != null && request.getClass() == REACTOR_REQUEST
				&& ((AbstractServerHttpRequest) request).getNativeRequest() instanceof HttpServerRequest netty) {
			return netty.requestHeaders();
		}
		return null;
	}

	/**
	 * Return Reactor Netty's headers of a response served by Reactor Netty, when the
	 * given response's headers are those: decorators are looked through only where they
	 * hand out their delegate's headers unchanged.
	 * @param response the response, possibly decorated
	 * @return the headers, or {@code null} to read the response's own headers
	 */
	public static io.netty.handler.codec.http.@Nullable HttpHeaders of(ServerHttpResponse response) {
		if (REACTOR_RESPONSE == null) {
			return null;
		}
		ServerHttpResponse current = response;
		HttpHeaders headers = current.getHeaders();
		while (current instanceof ServerHttpResponseDecorator decorator) {
			current = decorator.getDelegate();
			if (current.getHeaders() != headers) {
				return null;
			}
		}
		if (current.getClass() == REACTOR_RESPONSE
				&& ((AbstractServerHttpResponse) current).getNativeResponse() instanceof HttpServerResponse netty) {
			return netty.responseHeaders();
		}
		return null;
	}

}
