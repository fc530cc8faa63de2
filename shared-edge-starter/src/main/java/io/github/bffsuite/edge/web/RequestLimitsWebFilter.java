package io.github.bffsuite.edge.web;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Enforces the edge's request limits before authentication: total header size (431) and
 * body size (413), the latter both from {@code Content-Length} and while a chunked body
 * streams.
 */
public class RequestLimitsWebFilter implements WebFilter, Ordered {

	/** Order of this filter: right after the request id. */
	public static final int ORDER = RequestIdWebFilter.ORDER + 2;

	private final long maxHeaderBytes;

	private final long maxBodyBytes;

	public RequestLimitsWebFilter(EdgeWebProperties.Limits limits) {
		this.maxHeaderBytes = limits.getMaxHeaderSize().toBytes();
		this.maxBodyBytes = limits.getMaxBodySize().toBytes();
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (headerBytes(exchange.getRequest()) > this.maxHeaderBytes) {
			return Mono.error(EdgeProblems.exception(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
					"request-header-fields-too-large",
					"Request headers are larger than " + this.maxHeaderBytes + " bytes"));
		}
		long contentLength = headers.getContentLength();
		if (contentLength > this.maxBodyBytes) {
			return Mono.error(tooLarge());
		}
		if (contentLength == -1 && hasBody(headers)) {
			return chain.filter(exchange.mutate().request(new LimitedRequest(exchange.getRequest())).build());
		}
		return chain.filter(exchange);
	}

	/**
	 * Whether a request passes these limits without any work later: its headers and
	 * declared body size are within the limits and no body of unknown length streams in,
	 * for the fused fast path.
	 * @param request the request
	 * @return true when nothing is left for this filter to do
	 */
	public boolean passes(ServerHttpRequest request) {
		HttpHeaders headers = request.getHeaders();
		return headerBytes(request) <= this.maxHeaderBytes && headers.getContentLength() <= this.maxBodyBytes
				&& !(headers.getContentLength() == -1 && hasBody(headers));
	}

	/**
	 * Whether request headers pass these limits without any work later.
	 * @param headers the request headers
	 * @return true when nothing is left for this filter to do
	 * @deprecated since 0.1.0, use {@link #passes(ServerHttpRequest)}, which reads the
	 * headers the client sent without copying them
	 */
	@Deprecated(since = "0.1.0")
	public boolean passes(HttpHeaders headers) {
		return headerBytes(headers) <= this.maxHeaderBytes && headers.getContentLength() <= this.maxBodyBytes
				&& !(headers.getContentLength() == -1 && hasBody(headers));
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
	}

	/**
	 * The size of the headers the client sent: read from Reactor Netty's own header map
	 * when the request is served by it (Spring's case-insensitive view copies every name
	 * into a new map on each iteration), else from the request's headers.
	 */
	static long headerBytes(ServerHttpRequest request) {
		io.netty.handler.codec.http.HttpHeaders netty = NettyHeaders.of(request);
		if (netty == null) {
			return headerBytes(request.getHeaders());
		}
		long total = 0;
		for (Iterator<Map.Entry<CharSequence, CharSequence>> it = netty.iteratorCharSequence(); it.hasNext();) {
			Map.Entry<CharSequence, CharSequence> entry = it.next();
			total += entry.getKey().length() + entry.getValue().length() + 4;
		}
		return total;
	}

	private static long headerBytes(HttpHeaders headers) {
		long total = 0;
		for (Map.Entry<String, List<String>> entry : headers.headerSet()) {
			for (String value : entry.getValue()) {
				total += entry.getKey().length() + value.length() + 4;
			}
		}
		return total;
	}

	private RuntimeException tooLarge() {
		return EdgeProblems.exception(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
				"The request body is larger than " + this.maxBodyBytes + " bytes");
	}

	private final class LimitedRequest extends ServerHttpRequestDecorator {

		LimitedRequest(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > RequestLimitsWebFilter.this.maxBodyBytes) {
					DataBufferUtils.release(buffer);
					sink.error(tooLarge());
					return;
				}
				sink.next(buffer);
			});
		}

	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
