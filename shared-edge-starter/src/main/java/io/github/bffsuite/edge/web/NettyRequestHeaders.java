package io.github.bffsuite.edge.web;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * The request headers exactly as Reactor Netty decoded them, for the checks that read
 * every header of every request (firewall, request limits): Spring's case-insensitive
 * view of them builds a set of names and a list of values per name on each iteration.
 * Only a request that is still the one the server built qualifies; a decorated or mutated
 * request may carry other headers and is read through its own view.
 */
public final class NettyRequestHeaders {

	private static final @Nullable Class<?> REACTOR_REQUEST = reactorRequestClass();

	private NettyRequestHeaders() {
	}

	private static @Nullable Class<?> reactorRequestClass() {
		try {
			return ClassUtils.forName("org.springframework.http.server.reactive.ReactorServerHttpRequest",
					NettyRequestHeaders.class.getClassLoader());
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

}
