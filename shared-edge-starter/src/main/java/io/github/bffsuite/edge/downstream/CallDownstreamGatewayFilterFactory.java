package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.identity.IdentityTokenSigner;
import io.github.bffsuite.edge.support.RequestBodies;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
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

	private final @Nullable Duration gatewayResponseTimeout;

	public CallDownstreamGatewayFilterFactory(EdgeDownstreamClients clients) {
		this(clients, null);
	}

	/**
	 * Create a factory that knows Spring Cloud Gateway's response timeout, so that a
	 * route's call is timed once: where the downstream's own response timeout is not
	 * longer than the gateway's, the gateway's timer could never fire first, and it is
	 * not started.
	 * @param clients the downstreams
	 * @param gatewayResponseTimeout Spring Cloud Gateway's global response timeout
	 * ({@code spring.cloud.gateway.server.webflux.httpclient.response-timeout}), or
	 * {@code null} for none
	 */
	public CallDownstreamGatewayFilterFactory(EdgeDownstreamClients clients,
			@Nullable Duration gatewayResponseTimeout) {
		super(Config.class);
		this.clients = clients;
		this.gatewayResponseTimeout = gatewayResponseTimeout;
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name");
	}

	@Override
	public GatewayFilter apply(Config config) {
		Downstream downstream = this.clients.downstream(config.getName());
		String service = config.getName();
		TimedOnce timedOnce = new TimedOnce(downstream.responseTimeout(), this.gatewayResponseTimeout);
		return new OrderedGatewayFilter((exchange, chain) -> {
			// the audience of the identity signed for this route's service
			exchange.getAttributes().put(IdentityTokenSigner.AUDIENCE_ATTRIBUTE, service);
			RouteCall call = new RouteCall(exchange, chain);
			if (!call.streaming()) {
				timedOnce.apply(exchange);
			}
			return downstream.execute(call).then();
		}, ORDER);
	}

	/**
	 * One timer per call: a call that is not streamed is bounded by the downstream's
	 * response timeout (the time to the response's headers, as Spring Cloud Gateway's
	 * is), which starts first; where it is not longer than the gateway's, the routing
	 * filter sees the route with its response timeout off ({@code response-timeout: -1}
	 * in the route's metadata, as a user would set it), and Reactor's timer on the
	 * parallel scheduler is never started. Streamed calls, which the downstream does not
	 * time, keep the gateway's timeout.
	 */
	static final class TimedOnce {

		private final Duration own;

		private final @Nullable Duration global;

		private volatile @Nullable Derived derived;

		TimedOnce(Duration own, @Nullable Duration global) {
			this.own = own;
			this.global = global;
		}

		void apply(ServerWebExchange exchange) {
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			if (route == null) {
				return;
			}
			Derived derived = this.derived;
			if (derived == null || derived.route() != route) {
				derived = new Derived(route, untimed(route));
				this.derived = derived;
			}
			Route untimed = derived.untimed();
			if (untimed != null) {
				exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, untimed);
			}
		}

		private @Nullable Route untimed(Route route) {
			Duration gateway = gatewayTimeout(route);
			if (gateway == null || this.own.isNegative() || this.own.isZero() || this.own.compareTo(gateway) > 0) {
				return null;
			}
			Map<String, Object> metadata = new LinkedHashMap<>(route.getMetadata());
			metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1L);
			return Route.async()
				.id(route.getId())
				.uri(route.getUri())
				.order(route.getOrder())
				.asyncPredicate(route.getPredicate())
				.replaceFilters(route.getFilters())
				.replaceMetadata(metadata)
				.build();
		}

		/**
		 * A route and the one derived from it (or {@code null} when the gateway's timer
		 * stays), held together so that a reader never pairs one route with another's.
		 */
		private record Derived(Route route, @Nullable Route untimed) {

		}

		/**
		 * The response timeout Spring Cloud Gateway's routing filter applies to a route:
		 * the route's metadata (milliseconds; negative for none), else the global one.
		 */
		private @Nullable Duration gatewayTimeout(Route route) {
			Object value = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
			if (value == null) {
				return this.global;
			}
			try {
				long millis = (value instanceof Number number) ? number.longValue() : Long.parseLong(value.toString());
				return (millis >= 0) ? Duration.ofMillis(millis) : null;
			}
			catch (NumberFormatException ex) {
				// the routing filter falls back to the global timeout: keep it running
				return null;
			}
		}

	}

	private static final class RouteCall implements DownstreamCall<Integer> {

		private final ServerWebExchange exchange;

		private final GatewayFilterChain chain;

		private final @Nullable URI url;

		private @Nullable Boolean streaming;

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
			return !RequestBodies.announced(headers)
					&& Downstream.isIdempotent(this.exchange.getRequest().getMethod(), headers);
		}

		@Override
		public boolean streaming() {
			Boolean streaming = this.streaming;
			if (streaming == null) {
				streaming = this.exchange.getRequest()
					.getHeaders()
					.getAccept()
					.stream()
					.anyMatch(MediaType.TEXT_EVENT_STREAM::equalsTypeAndSubtype);
				this.streaming = streaming;
			}
			return streaming;
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
