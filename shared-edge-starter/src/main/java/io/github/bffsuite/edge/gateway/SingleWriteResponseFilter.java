package io.github.bffsuite.edge.gateway;

import io.github.bffsuite.edge.support.RequestBodies;
import io.github.bffsuite.edge.web.WholeBody;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a small proxied response to the client in one write: its headers and its whole
 * body together, as nginx and Envoy do, rather than the headers first and the body in a
 * second write.
 * <p>
 * Spring Cloud Gateway's {@link NettyWriteResponseFilter} hands the downstream's body on
 * as a stream of buffers, and Reactor Netty writes (and flushes) the response headers
 * before the first buffer of a stream: two system calls per response, each of which may
 * wake the client, and the machinery of a streamed write (a write barrier, an
 * asynchronous flush task) for a body that arrived in one piece. Where the downstream
 * said how long its body is ({@code Content-Length}) and that is at most the configured
 * size ({@code edge.web.proxy.single-write-max-size}), this filter gathers the body first
 * (without a copy: the buffers are joined) and Reactor Netty then writes headers and body
 * as one full response. The bytes on the wire are the same.
 * <p>
 * Left as they arrive: bodies of unknown length, larger bodies, streams (which Spring
 * Cloud Gateway writes with a flush per element), {@code HEAD} requests, responses that
 * have no body (204, 304), and the responses to requests with a body, which a downstream
 * may answer before the request was read to the end (see {@link WholeBody}).
 */
public class SingleWriteResponseFilter implements GlobalFilter, Ordered {

	/** Just before {@link NettyWriteResponseFilter}, so that it writes through this. */
	public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

	private final int maxSize;

	/**
	 * Create a filter.
	 * @param maxSize the largest body, in bytes, written together with the headers
	 */
	public SingleWriteResponseFilter(int maxSize) {
		this.maxSize = maxSize;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		// a request with a body may be answered before it was read to the end (a
		// downstream's early 413, say): its response is passed on as it arrives
		if (this.maxSize <= 0 || HttpMethod.HEAD.equals(request.getMethod())
				|| RequestBodies.announced(request.getHeaders())) {
			return chain.filter(exchange);
		}
		return chain
			.filter(exchange.mutate().response(new SingleWriteResponse(exchange.getResponse(), this.maxSize)).build());
	}

	@Override
	public String toString() {
		return "SingleWriteResponseFilter(" + this.maxSize + " bytes)";
	}

	static final class SingleWriteResponse extends ServerHttpResponseDecorator {

		private final int maxSize;

		SingleWriteResponse(ServerHttpResponse delegate, int maxSize) {
			super(delegate);
			this.maxSize = maxSize;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			if (body instanceof Mono || !hasBody(getStatusCode())) {
				return super.writeWith(body);
			}
			long length = getHeaders().getContentLength();
			if (length <= 0 || length > this.maxSize) {
				return super.writeWith(body);
			}
			return super.writeWith(new WholeBody(DataBufferUtils.join(body, this.maxSize)));
		}

		private static boolean hasBody(@Nullable HttpStatusCode status) {
			return status == null || !(status.is1xxInformational() || status.isSameCodeAs(HttpStatus.NO_CONTENT)
					|| status.isSameCodeAs(HttpStatus.NOT_MODIFIED));
		}

	}

}
