package io.github.bffsuite.edge.identity;

import io.github.bffsuite.edge.web.RequestIdWebFilter;
import reactor.core.publisher.Mono;

import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends the caller's identity headers and the request id on every call a
 * {@code WebClient} makes while handling a request, so aggregating handlers propagate
 * identity exactly like gateway routes.
 */
public class IdentityExchangeFilterFunction implements ExchangeFilterFunction {

	private final String requestIdHeader;

	public IdentityExchangeFilterFunction(String requestIdHeader) {
		this.requestIdHeader = requestIdHeader;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			String requestId = context.getOrDefault(RequestIdWebFilter.MDC_KEY, null);
			return ReactiveSecurityContextHolder.getContext()
				.map(SecurityContext::getAuthentication)
				.filter(EdgeAuthentication.class::isInstance)
				.map((authentication) -> ((EdgeAuthentication) authentication).getPrincipal())
				.map((principal) -> ClientRequest.from(request).headers((headers) -> {
					IdentityHeaders.set(headers, principal);
					if (requestId != null) {
						headers.set(this.requestIdHeader, requestId);
					}
				}).build())
				.defaultIfEmpty(ClientRequest.from(request).headers((headers) -> {
					IdentityHeaders.strip(headers);
					if (requestId != null) {
						headers.set(this.requestIdHeader, requestId);
					}
				}).build())
				.flatMap(next::exchange);
		});
	}

}
