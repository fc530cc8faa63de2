package io.github.bffsuite.edge.identity;

import java.util.List;

import io.github.bffsuite.edge.web.EdgeProblems;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpStatus;

/**
 * Keeps a pass-through route to the caller's own data where a service takes the user from
 * a query parameter rather than from the identity headers:
 * {@code RequireCallerParameter=userId} refuses with a 403 {@code forbidden} problem any
 * request whose {@code userId} (any of its values, as decoded) is not the signed-in
 * user's id, or that names a user at all when the caller is no user. A request without
 * the parameter passes unchanged; the service decides what its absence means.
 * <p>
 * Named like Spring Cloud Gateway's own filters (verb and noun, as
 * {@code AddRequestParameter}).
 */
public class RequireCallerParameterGatewayFilterFactory
		extends AbstractGatewayFilterFactory<RequireCallerParameterGatewayFilterFactory.Config> {

	public RequireCallerParameterGatewayFilterFactory() {
		super(Config.class);
	}

	@Override
	public List<String> shortcutFieldOrder() {
		return List.of("name");
	}

	@Override
	public GatewayFilter apply(Config config) {
		String name = config.getName();
		return (exchange, chain) -> {
			List<String> values = exchange.getRequest().getQueryParams().get(name);
			if (values == null) {
				return chain.filter(exchange);
			}
			EdgePrincipal caller = exchange.getAttribute(IdentityHeadersGatewayFilter.PRINCIPAL_ATTRIBUTE);
			String userId = (caller != null) ? caller.userId() : null;
			if (userId == null || !values.stream().allMatch(userId::equals)) {
				return Mono.error(EdgeProblems.exception(HttpStatus.FORBIDDEN, "forbidden",
						"Query parameter '" + name + "' may only name the signed-in user"));
			}
			return chain.filter(exchange);
		};
	}

	/**
	 * Configuration of the filter.
	 */
	public static class Config {

		private String name = "userId";

		/**
		 * Return the name of the query parameter that names a user.
		 * @return the name
		 */
		public String getName() {
			return this.name;
		}

		public Config setName(String name) {
			this.name = name;
			return this;
		}

	}

}
