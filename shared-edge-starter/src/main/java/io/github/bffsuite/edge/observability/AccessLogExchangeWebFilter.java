package io.github.bffsuite.edge.observability;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Runs after authentication and hands the exchange, with the authenticated principal as
 * an attribute, to {@link AccessLogHttpHandlerDecorator}, which logs it once the response
 * completed.
 */
public class AccessLogExchangeWebFilter implements WebFilter, Ordered {

	/** Exchange attribute holding the authenticated principal, if any. */
	public static final String PRINCIPAL_ATTRIBUTE = AccessLogExchangeWebFilter.class.getName() + ".principal";

	/** Order of this filter: right after the security filter chain. */
	public static final int ORDER = -90;

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		AccessLogHttpHandlerDecorator.CountingResponse response = AccessLogHttpHandlerDecorator.counting(exchange);
		if (response == null) {
			return chain.filter(exchange);
		}
		response.exchange(exchange);
		return exchange.getPrincipal()
			.doOnNext((principal) -> exchange.getAttributes().put(PRINCIPAL_ATTRIBUTE, principal))
			.then(Mono.defer(() -> chain.filter(exchange)));
	}

	/**
	 * Hand an exchange and its caller to the access log in one step, for the fused fast
	 * path.
	 * @param exchange the exchange as the handler will see it
	 * @param principal the caller
	 */
	public static void register(ServerWebExchange exchange, Principal principal) {
		AccessLogHttpHandlerDecorator.CountingResponse response = AccessLogHttpHandlerDecorator.counting(exchange);
		if (response != null) {
			exchange.getAttributes().put(PRINCIPAL_ATTRIBUTE, principal);
			response.exchange(exchange);
		}
	}

	/**
	 * Hands the exchange to {@link AccessLogHttpHandlerDecorator} before any other filter
	 * runs, so that requests the security chain rejects are still logged with their trace
	 * and request ids; {@link AccessLogExchangeWebFilter} later replaces it with the
	 * authenticated exchange.
	 */
	public static class Registration implements WebFilter, Ordered {

		/** Order of this filter: before all others but the very first. */
		public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

		@Override
		public int getOrder() {
			return ORDER;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			AccessLogHttpHandlerDecorator.CountingResponse response = AccessLogHttpHandlerDecorator.counting(exchange);
			if (response != null) {
				response.exchange(exchange);
			}
			return chain.filter(exchange);
		}

		/**
		 * The class name, without an identity hash: Spring's filter chain names each
		 * filter's checkpoint with it on every request.
		 */
		@Override
		public String toString() {
			return getClass().getName();
		}

	}

	/**
	 * The class name, without an identity hash: Spring's filter chain names each filter's
	 * checkpoint with it on every request.
	 */
	@Override
	public String toString() {
		return getClass().getName();
	}

}
