package io.github.bffsuite.edge.downstream;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route's call is timed once: Spring Cloud Gateway's response timeout is turned off for
 * a call only where the downstream's own timeout, which starts first, is not longer.
 */
class CallDownstreamTimedOnceTests {

	private static final GatewayFilter FILTER = new OrderedGatewayFilter((exchange, chain) -> chain.filter(exchange),
			1);

	@Test
	void turnsTheGatewaysTimerOffWhereTheDownstreamsAnswersFirst() {
		Route route = route(Map.of("connect-timeout", 500, "team", "catalogue"));
		Route seen = apply(
				new CallDownstreamGatewayFilterFactory.TimedOnce(Duration.ofSeconds(3), Duration.ofSeconds(10)), route);
		assertThat(seen).isNotSameAs(route);
		assertThat(seen.getMetadata()).containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1L)
			.containsEntry("connect-timeout", 500)
			.containsEntry("team", "catalogue");
		assertThat(seen.getId()).isEqualTo(route.getId());
		assertThat(seen.getUri()).isEqualTo(route.getUri());
		assertThat(seen.getOrder()).isEqualTo(route.getOrder());
		assertThat(seen.getPredicate()).isSameAs(route.getPredicate());
		assertThat(seen.getFilters()).isEqualTo(route.getFilters());
		// equal timeouts: the downstream's starts first
		assertThat(
				apply(new CallDownstreamGatewayFilterFactory.TimedOnce(Duration.ofSeconds(10), Duration.ofSeconds(10)),
						route)
					.getMetadata())
			.containsEntry(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1L);
	}

	@Test
	void buildsTheRouteOncePerRoute() {
		CallDownstreamGatewayFilterFactory.TimedOnce timedOnce = new CallDownstreamGatewayFilterFactory.TimedOnce(
				Duration.ofSeconds(3), Duration.ofSeconds(10));
		Route route = route(Map.of());
		Route first = apply(timedOnce, route);
		assertThat(apply(timedOnce, route)).isSameAs(first);
		Route refreshed = route(Map.of());
		assertThat(apply(timedOnce, refreshed)).isNotSameAs(first).isNotSameAs(refreshed);
	}

	@Test
	void keepsTheGatewaysTimerWhereItIsTighterOrTheOnlyOne() {
		Duration threeSeconds = Duration.ofSeconds(3);
		Duration tenSeconds = Duration.ofSeconds(10);
		// the gateway's global timeout is shorter
		assertKept(Duration.ofSeconds(30), tenSeconds, Map.of());
		// the route's own timeout (milliseconds, as a number or as text) is shorter
		assertKept(threeSeconds, tenSeconds, Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, 200));
		assertKept(threeSeconds, tenSeconds, Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, "200"));
		// no gateway timeout at all: nothing to turn off
		assertKept(threeSeconds, null, Map.of());
		assertKept(threeSeconds, tenSeconds, Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, -1));
		// a value the routing filter cannot read: it falls back to the global timeout,
		// kept
		assertKept(threeSeconds, tenSeconds, Map.of(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, "soon"));
		// a downstream without a response timeout of its own
		assertKept(Duration.ZERO, tenSeconds, Map.of());
	}

	private static void assertKept(Duration own, @Nullable Duration global, Map<String, Object> metadata) {
		Route route = route(metadata);
		assertThat(apply(new CallDownstreamGatewayFilterFactory.TimedOnce(own, global), route)).isSameAs(route);
	}

	private static Route apply(CallDownstreamGatewayFilterFactory.TimedOnce timedOnce, Route route) {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/products/p-1"));
		exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
		timedOnce.apply(exchange);
		return exchange.getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
	}

	private static Route route(Map<String, Object> metadata) {
		return Route.async()
			.id("products")
			.uri(URI.create("http://127.0.0.1:9003"))
			.order(3)
			.asyncPredicate((exchange) -> Mono.just(true))
			.replaceFilters(List.of(FILTER))
			.replaceMetadata(metadata)
			.build();
	}

}
