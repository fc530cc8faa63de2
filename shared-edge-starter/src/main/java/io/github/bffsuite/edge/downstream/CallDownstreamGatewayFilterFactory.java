package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.util.List;

import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

/**
 * Applies a named downstream's policies to a gateway route, so a service is configured
 * once under {@code edge.downstream.services} for both aggregating clients and
 * pass-through routes: {@code CallDownstream=user-service}. Load balancing over the
 * downstream's instances, bulkhead, circuit breaker, response timeout, and retries of
 * idempotent requests without a body.
 * <p>
 * Named like Spring Cloud Gateway's own filters (verb and noun, as
 * {@code AddRequestHeader}).
 */
public class CallDownstreamGatewayFilterFactory
		extends AbstractGatewayFilterFactory<CallDownstreamGatewayFilterFactory.Config> {

	/**
	 * Order of the filter: after the route's URL is resolved, before the load balancer
	 * client filter and the routing filter.
	 */
	public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 100;

	private final EdgeDownstreamClients clients;

	public CallDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
		super(Config.class);
		this.clients = clients;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Downstream downstream = this.clients.downstream(config.getName());
		String service = config.getName();
		return new OrderedGatewayFilter((exchange, chain) -> {
			// the audience of the identity signed for this route's service
			exchange.getAttributes().put(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, service);
			return downstream.execute(new RouteCall(exchange, chain)).then();
		}, ORDER);
	}

	private static final class RouteCall implements DownstreamCall<Integer> {

		private final ServerWebExchange exchange;

		private final GatewayFilterChain chain;

		private final @Nullable URI url;

		RouteCall(ServerWebExchange exchange, GatewayFilterChain chain) {
			this.exchange = exchange;
			this.chain = chain;
			this.url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
		}

		@Override
		public String method() {
			return this.exchange.getRequest().getMethod().name();
		}

		@Override
		public boolean idempotent() {
			HttpHeaders headers = this.exchange.getRequest().getHeaders();
			// a streamed request body cannot be sent twice
			boolean body = headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
			return !body && Downstream.isIdempotent(this.exchange.getRequest().getMethod(), headers);
		}

		@Override
		public boolean streaming() {
			return this.exchange.getRequest()
				.getHeaders()
				.getAccept()
				.stream()
				.anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
		}

		@Override
		public Mono<Integer> attempt(@Nullable ServiceInstance instance, int attempt) {
			return Mono.defer(() -> {
				if (attempt > 1) {
					ServerWebExchangeUtils.reset(this.exchange);
				}
				if (instance != null && this.url != null) {
					this.exchange.getAttributes()
						.put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
								Downstream.reconstruct(instance, this.url));
				}
				return this.chain.filter(this.exchange).then(Mono.fromSupplier(this::currentStatus));
			});
		}

		private Integer currentStatus() {
			HttpStatusCode status = this.exchange.getResponse().getStatusCode();
			return (status != null) ? status.value() : 200;
		}

		@Override
		public int status(Integer status) {
			return status;
		}

		@Override
		public Mono<Void> discard(Integer status) {
			return Mono.fromRunnable(() -> ServerWebExchangeUtils.reset(this.exchange));
		}

	}

	/**
	 * Configuration of the filter.
	 */
	public static class Config {

		private String name = "";

		public String getName() {
			return this.name;
		}

		public Config setName(String name) {
			this.name = name;
			return this;
		}

	}

}
