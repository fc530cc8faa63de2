package io.github.bffsuite.edge.web;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.util.ClassUtils;

/**
 * The response headers exactly as Reactor Netty will write them, for a check that reads
 * every header of every response (the firewall's line-break check): Spring's
 * case-insensitive view of them builds a set of names and a list of values per name on
 * each iteration. Decorators are looked through only where they hand out their delegate's
 * headers unchanged; one that keeps headers of its own is read through its own view.
 */
public final class NettyResponseHeaders {

	private static final @Nullable Class<?> REACTOR_RESPONSE = reactorResponseClass();

	private NettyResponseHeaders() {
	}

	private static @Nullable Class<?> reactorResponseClass() {
		try {
			return ClassUtils.forName("org.springframework.http.server.reactive.ReactorServerHttpResponse",
					NettyResponseHeaders.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * Return Reactor Netty's headers of a response served by Reactor Netty, when the
	 * given response's headers are those.
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
