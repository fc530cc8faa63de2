package io.github.bffsuite.edge.delivery;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.bffsuite.edge.web.EdgeProblems;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The {@code canaries} actuator endpoint, on the management port: every canary's weight,
 * status, window figures and last decision, and an operator's changes (set the weight,
 * pause, resume, reset), each logged as an audit line. A caller must hold the admin scope
 * ({@code edge.delivery.canary-control.admin-scope}).
 */
@Endpoint(id = "canaries")
public class CanariesEndpoint {

	private static final Log logger = LogFactory.getLog(CanariesEndpoint.class);

	private final CanaryController controller;

	private final String adminScope;

	public CanariesEndpoint(CanaryController controller, String adminScope) {
		this.controller = controller;
		this.adminScope = adminScope;
	}

	/**
	 * Every canary.
	 * @param security the caller
	 * @return the canaries by route id
	 */
	@ReadOperation
	public WebEndpointResponse<Object> canaries(SecurityContext security) {
		WebEndpointResponse<Object> refused = refuse(security);
		return (refused != null) ? refused : new WebEndpointResponse<>(Map.of("canaries", this.controller.describe()));
	}

	/**
	 * One canary.
	 * @param security the caller
	 * @param route the route id
	 * @return the canary
	 */
	@ReadOperation
	public WebEndpointResponse<Object> canary(SecurityContext security, @Selector String route) {
		WebEndpointResponse<Object> refused = refuse(security);
		if (refused != null) {
			return refused;
		}
		RouteCanary canary = this.controller.canary(route);
		if (canary == null) {
			return problem(404, "no-canary", "No canary", "No canary on route '" + route + "'");
		}
		return new WebEndpointResponse<>(this.controller.describe(canary));
	}

	/**
	 * Change a canary.
	 * @param security the caller
	 * @param route the route id
	 * @param action {@code set-weight}, {@code pause}, {@code resume} or {@code reset}
	 * @param weight the weight, for {@code set-weight}
	 * @return the canary after the change
	 */
	@WriteOperation
	public Mono<WebEndpointResponse<Object>> change(SecurityContext security, @Selector String route, String action,
			@Nullable Integer weight) {
		WebEndpointResponse<Object> refused = refuse(security);
		if (refused != null) {
			return Mono.just(refused);
		}
		RouteCanary canary = this.controller.canary(route);
		if (canary == null) {
			return Mono.just(problem(404, "no-canary", "No canary", "No canary on route '" + route + "'"));
		}
		CanaryController.Action parsed;
		try {
			parsed = CanaryController.Action.valueOf(action.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			return Mono.just(problem(400, "invalid-canary-change", "Invalid canary change",
					"action must be one of set-weight, pause, resume, reset"));
		}
		if (parsed == CanaryController.Action.SET_WEIGHT && (weight == null || weight < 0 || weight > 100)) {
			return Mono.just(problem(400, "invalid-canary-change", "Invalid canary change",
					"set-weight needs a weight from 0 to 100"));
		}
		String by = name(security.getPrincipal());
		return this.controller.change(route, parsed, weight, by)
			.map((state) -> new WebEndpointResponse<Object>(this.controller.describe(canary)))
			.onErrorResume((ex) -> {
				logger.warn("Canary change of route '" + route + "' by " + by + " failed: " + ex);
				return Mono.just(problem(503, "canary-store-unavailable", "Canary state not stored",
						"The change could not be stored; nothing changed"));
			});
	}

	private @Nullable WebEndpointResponse<Object> refuse(SecurityContext security) {
		if (this.adminScope.isBlank()) {
			return null;
		}
		Principal principal = security.getPrincipal();
		if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()) {
			return problem(401, "unauthenticated", "Unauthenticated", "The canaries endpoint needs a signed-in admin");
		}
		String authority = "SCOPE_" + this.adminScope;
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (authority.equals(granted.getAuthority())) {
				return null;
			}
		}
		return problem(403, "insufficient-scope", "Insufficient scope",
				"The canaries endpoint needs the scope '" + this.adminScope + "'");
	}

	private static String name(@Nullable Principal principal) {
		return (principal != null) ? principal.getName() : "anonymous";
	}

	private static WebEndpointResponse<Object> problem(int status, String type, String title, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", EdgeProblems.BASE + type);
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		return new WebEndpointResponse<>(body, status);
	}

}
