package io.github.bffsuite.edge.observability;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Reads the route of an exchange: the Spring Cloud Gateway route id, else the WebFlux
 * handler's path pattern.
 */
class EdgeExchangeDetails implements AccessLogHttpHandlerDecorator.ExchangeDetails {

	private static final boolean GATEWAY = ClassUtils.isPresent("org.springframework.cloud.gateway.route.Route",
			EdgeExchangeDetails.class.getClassLoader());

	@Override
	public String route(ServerWebExchange exchange) {
		if (GATEWAY) {
			String route = Gateway.routeId(exchange);
			if (route != null) {
				return route;
			}
		}
		Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern instanceof PathPattern pathPattern) {
			return pathPattern.getPatternString();
		}
		return "none";
	}

	private static final class Gateway {

		static @Nullable String routeId(ServerWebExchange exchange) {
			Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
			return (route != null) ? route.getId() : null;
		}

	}

}
