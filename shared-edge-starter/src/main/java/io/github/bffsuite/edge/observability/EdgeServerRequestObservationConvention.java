package io.github.bffsuite.edge.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests} observation with two more low-cardinality tags:
 * the {@code route} that handled the request (the Spring Cloud Gateway route id, else the
 * handler's path pattern, else {@code none}) and the gateway's {@code client} type. In a
 * gateway the standard {@code uri} tag is {@code UNKNOWN} for every proxied route, so
 * without the route tag the one server timer could not tell the routes apart.
 */
public class EdgeServerRequestObservationConvention extends DefaultServerRequestObservationConvention {

	private final String client;

	private final EdgeExchangeDetails details = new EdgeExchangeDetails();

	public EdgeServerRequestObservationConvention(String name, String client) {
		super(name);
		this.client = client;
	}

	/**
	 * Spring's five keys (method, uri, status, exception, outcome) and the edge's two, in
	 * one set: the observation asks for them at its start and at its stop, and merging a
	 * second set into Spring's own was a third of the cost. A test holds the keys to
	 * Spring's own set plus the two.
	 */
	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		return KeyValues.of(method(context), uri(context), status(context), exception(context), outcome(context),
				KeyValue.of("route", route(context)), KeyValue.of("client", this.client));
	}

	private String route(ServerRequestObservationContext context) {
		String route = this.details.route(context.getAttributes());
		if ("none".equals(route) && context.getPathPattern() != null) {
			return context.getPathPattern();
		}
		return route;
	}

}
