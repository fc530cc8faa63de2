package io.github.bffsuite.edge.delivery.shadow;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.CallDownstreamGatewayFilterFactory;
import io.github.bffsuite.edge.web.RequestIdWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Copies a share of the requests of the routes configured under
 * {@code edge.delivery.shadow.routes} to their shadow target, fire-and-forget, as Envoy's
 * {@code request_mirror_policies} do. The copy has the method, raw path and query of the
 * route's downstream request (after the route's path rewrites) and the headers that
 * request carries (identity headers and signed identity included, through the gateway's
 * {@link HttpHeadersFilter}s), plus the shadow header and a marked request id. The
 * client's answer never waits for the copy, never fails because of it and never shows its
 * status or headers.
 * <p>
 * Runs right after {@code CallDownstream} (whose downstream names the audience of the
 * signed identity) and once per request, whatever that filter retries. A request body up
 * to the route's limit (by {@code Content-Length}) is read once and handed to both the
 * route and the copy; a larger or chunked one is not copied.
 */
public class ShadowTrafficGatewayFilter implements GlobalFilter, Ordered {

	/** Order of the filter: after {@code CallDownstream}, before the load balancer. */
	public static final int ORDER = CallDownstreamGatewayFilterFactory.ORDER + 25;

	private static final String COPIED_ATTRIBUTE = ShadowTrafficGatewayFilter.class.getName() + ".copied";

	private final Map<String, ShadowTarget> targets;

	private final List<HttpHeadersFilter> headersFilters;

	private final ShadowMetrics metrics;

	private final String shadowHeader;

	private final String requestIdHeader;

	private final String requestIdSuffix;

	/**
	 * Create the filter.
	 * @param targets the shadow of each route, by route id
	 * @param headersFilters the gateway's header filters, in order, as the routing filter
	 * applies them
	 * @param metrics where copies are counted
	 * @param shadowHeader the header that marks a copy
	 * @param requestIdHeader the request id header
	 * @param requestIdSuffix the suffix of a copy's request id
	 */
	public ShadowTrafficGatewayFilter(Map<String, ShadowTarget> targets, List<HttpHeadersFilter> headersFilters,
			ShadowMetrics metrics, String shadowHeader, String requestIdHeader, String requestIdSuffix) {
		this.targets = Map.copyOf(targets);
		this.headersFilters = List.copyOf(headersFilters);
		this.metrics = metrics;
		this.shadowHeader = shadowHeader;
		this.requestIdHeader = requestIdHeader;
		this.requestIdSuffix = requestIdSuffix;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		ShadowTarget target = (route != null) ? this.targets.get(route.getId()) : null;
		if (target == null || exchange.getAttributes().putIfAbsent(COPIED_ATTRIBUTE, Boolean.TRUE) != null) {
			return chain.filter(exchange);
		}
		ServerHttpRequest request = exchange.getRequest();
		if (!target.copies(request.getMethod())) {
			this.metrics.record(target.route(), ShadowMetrics.SKIPPED_METHOD);
			return chain.filter(exchange);
		}
		if (!target.sampled()) {
			return chain.filter(exchange);
		}
		HttpHeaders headers = request.getHeaders();
		long length = headers.getContentLength();
		if (headers.containsHeader(HttpHeaders.TRANSFER_ENCODING) || length > target.maxBodySize()) {
			this.metrics.record(target.route(), ShadowMetrics.TOO_LARGE);
			return chain.filter(exchange);
		}
		if (length <= 0) {
			copy(target, exchange, null);
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), (int) length)
			.map(ShadowTrafficGatewayFilter::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				copy(target, exchange, body);
				ServerHttpRequest replayed = new ReadBodyRequest(request, exchange.getResponse().bufferFactory(), body);
				return chain.filter(exchange.mutate().request(replayed).build());
			});
	}

	private void copy(ShadowTarget target, ServerWebExchange exchange, byte @Nullable [] body) {
		// the permit first: a copy that is dropped costs no header filtering nor signing
		if (!target.tryAcquire()) {
			this.metrics.record(target.route(), ShadowMetrics.DROPPED);
			return;
		}
		try {
			send(target, exchange, body);
		}
		catch (RuntimeException ex) {
			// the copy never fails the request
			target.release();
			target.failedToSend(ex);
		}
	}

	private void send(ShadowTarget target, ServerWebExchange exchange, byte @Nullable [] body) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (url == null) {
			url = exchange.getRequest().getURI();
		}
		String pathAndQuery = url.getRawPath() + ((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "");
		HttpHeaders headers = HttpHeadersFilter.filterRequest(this.headersFilters, exchange);
		HttpHeaders marked = new HttpHeaders();
		marked.putAll(headers);
		marked.set(this.shadowHeader, "true");
		String requestId = RequestIdWebFilter.requestId(exchange);
		if (requestId != null) {
			marked.set(this.requestIdHeader, requestId + this.requestIdSuffix);
		}
		target.send(exchange.getRequest().getMethod(), pathAndQuery, marked, body);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * The route's request with the body that was read for the copy, served again from
	 * memory to the route.
	 */
	private static final class ReadBodyRequest extends ServerHttpRequestDecorator {

		private final DataBufferFactory buffers;

		private final byte[] body;

		ReadBodyRequest(ServerHttpRequest delegate, DataBufferFactory buffers, byte[] body) {
			super(delegate);
			this.buffers = buffers;
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> Flux.just(this.buffers.wrap(this.body)));
		}

	}

}
