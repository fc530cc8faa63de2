package io.github.bffsuite.edge.observability;

import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's {@code http.server.requests} keys are Spring's own, value for value, plus
 * {@code route} and {@code client}: if Spring adds or changes a key, this fails.
 */
class EdgeServerRequestObservationConventionTests {

	private final EdgeServerRequestObservationConvention edge = new EdgeServerRequestObservationConvention(
			"http.server.requests", "web");

	private final DefaultServerRequestObservationConvention spring = new DefaultServerRequestObservationConvention(
			"http.server.requests");

	@Test
	void springsKeysAndTheEdgesTwo() {
		for (ServerRequestObservationContext context : contexts()) {
			KeyValues expected = this.spring.getLowCardinalityKeyValues(context)
				.and(KeyValue.of("route",
						this.edge.getLowCardinalityKeyValues(context)
							.stream()
							.filter((value) -> value.getKey().equals("route"))
							.findFirst()
							.orElseThrow()
							.getValue()),
						KeyValue.of("client", "web"));
			assertThat(this.edge.getLowCardinalityKeyValues(context)).containsExactlyElementsOf(expected);
		}
	}

	@Test
	void theRouteIsTheGatewaysRouteId() {
		ServerRequestObservationContext context = contexts().get(0);
		assertThat(this.edge.getLowCardinalityKeyValues(context)).contains(KeyValue.of("route", "products"),
				KeyValue.of("client", "web"), KeyValue.of("status", "200"), KeyValue.of("outcome", "SUCCESS"));
	}

	private static List<ServerRequestObservationContext> contexts() {
		MockServerWebExchange routed = MockServerWebExchange.from(MockServerHttpRequest.get("/api/products/p-1"));
		routed.getResponse().setStatusCode(HttpStatus.OK);
		routed.getAttributes()
			.put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
					Route.async().id("products").uri("http://localhost:1").predicate((exchange) -> true).build());
		MockServerWebExchange failed = MockServerWebExchange.from(MockServerHttpRequest.post("/graphql"));
		failed.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		MockServerWebExchange plain = MockServerWebExchange.from(MockServerHttpRequest.head("/"));
		return List.of(context(routed, null), context(failed, new IllegalStateException("down")), context(plain, null));
	}

	private static ServerRequestObservationContext context(MockServerWebExchange exchange, @Nullable Throwable error) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(exchange.getRequest(),
				exchange.getResponse(), exchange.getAttributes());
		if (error != null) {
			context.setError(error);
		}
		return context;
	}

}
