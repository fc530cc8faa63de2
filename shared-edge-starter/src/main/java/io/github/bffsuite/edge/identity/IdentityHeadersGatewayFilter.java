package io.github.bffsuite.edge.identity;

import io.github.bffsuite.edge.web.RequestIdWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets the identity headers from the authenticated principal on every Spring Cloud
 * Gateway route's downstream request (and removes them when the request is anonymous).
 * <p>
 * As a {@link GlobalFilter} it only notes the principal in an exchange attribute; as an
 * {@link HttpHeadersFilter} it writes the headers into the copy of the request headers
 * that the routing filter builds for the downstream request anyway. The gateway's own
 * request is never mutated: a mutation copies every header and wraps the request and the
 * exchange once more for every later filter.
 * <p>
 * With a {@link IdentityTokenSigner}, a request with a caller also carries the caller's
 * identity signed for the route's downstream service (named by its {@code CallDownstream}
 * filter); a route without one gets no signed identity. An inbound header of that name is
 * never passed on.
 */
public class IdentityHeadersGatewayFilter implements GlobalFilter, HttpHeadersFilter, Ordered {

	/** Exchange attribute holding the {@link EdgePrincipal} of the request, if any. */
	public static final String PRINCIPAL_ATTRIBUTE = IdentityHeadersGatewayFilter.class.getName() + ".principal";

	private final @Nullable IdentityTokenSigner signer;

	private final String signedHeader;

	public IdentityHeadersGatewayFilter() {
		this(null, IdentityTokenSigner.DEFAULT_HEADER);
	}

	/**
	 * Create a filter that also signs the identity.
	 * @param signer the signer, or {@code null} to send the identity headers only
	 * @param signedHeader the header of the signed identity
	 */
	public IdentityHeadersGatewayFilter(@Nullable IdentityTokenSigner signer, String signedHeader) {
		this.signer = signer;
		this.signedHeader = signedHeader;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (exchange.getAttributes().containsKey(PRINCIPAL_ATTRIBUTE)) {
			// the edge's fast path noted the caller already
			return chain.filter(exchange);
		}
		return EdgeCaller.of(exchange)
			.doOnNext((principal) -> exchange.getAttributes().put(PRINCIPAL_ATTRIBUTE, principal))
			.then(Mono.defer(() -> chain.filter(exchange)));
	}

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		// the headers handed in may be the request's read-only ones: write to a copy, as
		// Spring Cloud Gateway's own header filters do, made without the identity headers
		// in any spelling and without a signed identity (only the gateway signs: a
		// client's own header of that name is never passed on)
		HttpHeaders headers = new HttpHeaders();
		input.forEach((name, values) -> {
			if (!IdentityHeaders.isIdentityHeader(name) && !this.signedHeader.equalsIgnoreCase(name)) {
				headers.put(name, values);
			}
		});
		EdgePrincipal principal = exchange.getAttribute(PRINCIPAL_ATTRIBUTE);
		if (principal != null) {
			IdentityHeaders.add(headers, principal);
		}
		if (this.signer != null) {
			String audience = exchange.getAttribute(IdentityTokenSigner.AUDIENCE_ATTRIBUTE);
			if (principal != null && audience != null) {
				String requestId = exchange.getAttribute(RequestIdWebFilter.ATTRIBUTE);
				headers.set(this.signedHeader, this.signer.sign(principal, audience, requestId));
			}
		}
		return headers;
	}

	@Override
	public boolean supports(Type type) {
		return type == Type.REQUEST;
	}

}
