package io.github.bffsuite.edge.delivery.shadow;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;

/**
 * Fails start-up when a shadow is configured for a route id the gateway does not have,
 * naming the property: a typo would otherwise mirror nothing, silently.
 */
class ShadowRouteCheck implements SmartInitializingSingleton {

	private final ShadowTargets targets;

	private final RouteLocator routes;

	ShadowRouteCheck(ShadowTargets targets, RouteLocator routes) {
		this.targets = targets;
		this.routes = routes;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// start-up, on the main thread: the route list is built once here either way
		List<String> ids = this.routes.getRoutes().map(Route::getId).collectList().block(Duration.ofSeconds(30));
		Set<String> known = new TreeSet<>((ids != null) ? ids : List.of());
		for (String route : this.targets.routeIds()) {
			if (!known.contains(route)) {
				throw new IllegalStateException("edge.delivery.shadow.routes." + route
						+ ": no gateway route has the id '" + route + "' (routes: " + known + ")");
			}
		}
	}

}
