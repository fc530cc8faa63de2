package io.github.bffsuite.edge.web;

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
		if (headerBytes(headers) > this.maxHeaderBytes) {
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
	 * @param headers the request headers
	 * @return true when nothing is left for this filter to do
	 */
	public boolean passes(HttpHeaders headers) {
		return headerBytes(headers) <= this.maxHeaderBytes && headers.getContentLength() <= this.maxBodyBytes
				&& !(headers.getContentLength() == -1 && hasBody(headers));
	}

	private static boolean hasBody(HttpHeaders headers) {
		return headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
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

}
