package io.github.bffsuite.edge.observability;

import java.util.Map;

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
		return route(exchange.getAttributes());
	}

	/**
	 * Return the route of an exchange from its attributes.
	 * @param attributes the exchange attributes
	 * @return the route id, the handler's path pattern, or {@code none}
	 */
	String route(Map<String, Object> attributes) {
		if (GATEWAY) {
			String route = Gateway.routeId(attributes);
			if (route != null) {
				return route;
			}
		}
		Object pattern = attributes.get(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern instanceof PathPattern pathPattern) {
			return pathPattern.getPatternString();
		}
		return "none";
	}

	private static final class Gateway {

		static @Nullable String routeId(Map<String, Object> attributes) {
			return (attributes.get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR) instanceof Route route) ? route.getId()
					: null;
		}

	}

}
