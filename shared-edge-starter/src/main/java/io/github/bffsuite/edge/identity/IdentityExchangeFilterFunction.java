package io.github.bffsuite.edge.identity;

import io.github.bffsuite.edge.web.RequestIdWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
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
 * <p>
 * With a {@link IdentityTokenSigner}, a call with a caller also carries the caller's
 * identity signed for the downstream service the {@code WebClient} belongs to (the
 * {@link IdentityTokenSigner#AUDIENCE_ATTRIBUTE} request attribute the edge's downstream
 * clients set); a call from another {@code WebClient} gets no signed identity.
 */
public class IdentityExchangeFilterFunction implements ExchangeFilterFunction {

	private final String requestIdHeader;

	private final @Nullable IdentityTokenSigner signer;

	private final String signedHeader;

	public IdentityExchangeFilterFunction(String requestIdHeader) {
		this(requestIdHeader, null, IdentityTokenSigner.DEFAULT_HEADER);
	}

	/**
	 * Create a filter that also signs the identity.
	 * @param requestIdHeader the request id header
	 * @param signer the signer, or {@code null} to send the identity headers only
	 * @param signedHeader the header of the signed identity
	 */
	public IdentityExchangeFilterFunction(String requestIdHeader, @Nullable IdentityTokenSigner signer,
			String signedHeader) {
		this.requestIdHeader = requestIdHeader;
		this.signer = signer;
		this.signedHeader = signedHeader;
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
					sign(request, headers, principal, requestId);
				}).build())
				.defaultIfEmpty(ClientRequest.from(request).headers((headers) -> {
					IdentityHeaders.strip(headers);
					headers.remove(this.signedHeader);
					if (requestId != null) {
						headers.set(this.requestIdHeader, requestId);
					}
				}).build())
				.flatMap(next::exchange);
		});
	}

	private void sign(ClientRequest request, HttpHeaders headers, EdgePrincipal principal, @Nullable String requestId) {
		headers.remove(this.signedHeader);
		if (this.signer == null) {
			return;
		}
		Object audience = request.attribute(IdentityTokenSigner.AUDIENCE_ATTRIBUTE).orElse(null);
		if (audience instanceof String service) {
			headers.set(this.signedHeader, this.signer.sign(principal, service, requestId));
		}
	}

}
