package io.github.bffsuite.edge.grpc.proxy;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Routes gRPC calls to their upstream over HTTP/2, which gRPC needs and Spring Cloud
 * Gateway's proxy client does not speak to a cleartext upstream (it offers HTTP/1.1, and
 * h2 only by ALPN over TLS). Just before the gateway's {@link NettyRoutingFilter}, a gRPC
 * call to an {@code http://} route goes through a routing filter of the same kind whose
 * client speaks h2c with prior knowledge (as gRPC servers expect), and one to an
 * {@code https://} route through one that speaks h2; everything else (the routing, header
 * filters, timeouts, the response and its trailers) is the gateway's own. Other requests
 * are left to the gateway's routing filter.
 */
public class GrpcRoutingFilter implements GlobalFilter, Ordered {

	/** Order of this filter: right before {@link NettyRoutingFilter}. */
	public static final int ORDER = NettyRoutingFilter.ORDER - 1;

	private final NettyRoutingFilter cleartext;

	private final NettyRoutingFilter secure;

	/**
	 * Create a filter over the gateway's proxy client.
	 * @param httpClient the gateway's proxy client, whose pool, timeouts, TLS and
	 * customizers the gRPC clients keep
	 * @param headersFilters the gateway's header filters
	 * @param properties the gateway's client properties
	 */
	public GrpcRoutingFilter(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
			HttpClientProperties properties) {
		this.cleartext = new NettyRoutingFilter(httpClient.protocol(HttpProtocol.H2C), headersFilters, properties);
		this.secure = new NettyRoutingFilter(httpClient.protocol(HttpProtocol.H2), headersFilters, properties);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		if (url == null || ServerWebExchangeUtils.isAlreadyRouted(exchange)
				|| !GrpcRequests.isGrpc(exchange.getRequest())) {
			return chain.filter(exchange);
		}
		if ("http".equalsIgnoreCase(url.getScheme())) {
			return this.cleartext.filter(exchange, chain);
		}
		if ("https".equalsIgnoreCase(url.getScheme())) {
			return this.secure.filter(exchange, chain);
		}
		return chain.filter(exchange);
	}

}
