package io.github.bffsuite.edge.web;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * First filter of the edge: takes a well-formed request id from the client or makes one,
 * sends it downstream, echoes it on the response and puts it in the Reactor context (and
 * so in the logging MDC under {@value #MDC_KEY}).
 */
public class RequestIdWebFilter implements WebFilter, Ordered {

	/** Order of this filter: before everything else. */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	/** Exchange attribute and Reactor context key holding the request id. */
	public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

	/** Logging MDC key of the request id. */
	public static final String MDC_KEY = "requestId";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");

	private final String header;

	private final int maxLength;

	public RequestIdWebFilter(EdgeWebProperties.RequestId properties) {
		this.header = properties.getHeader();
		this.maxLength = properties.getMaxLength();
	}

	/**
	 * Return the request id of an exchange, if this filter saw it.
	 * @param exchange the exchange
	 * @return the request id or {@code null}
	 */
	public static @Nullable String requestId(ServerWebExchange exchange) {
		return exchange.getAttribute(ATTRIBUTE);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	/**
	 * Return the name of the request id header.
	 * @return the header name
	 */
	public String header() {
		return this.header;
	}

	/**
	 * Return the request id of a request: the client's own if it is well-formed, else a
	 * new one.
	 * @param request the request
	 * @return the request id
	 */
	public String resolve(ServerHttpRequest request) {
		String inbound = request.getHeaders().getFirst(this.header);
		return isWellFormed(inbound) ? inbound : UUID.randomUUID().toString();
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String requestId = resolve(exchange.getRequest());
		exchange.getAttributes().put(ATTRIBUTE, requestId);
		exchange.getResponse().getHeaders().set(this.header, requestId);
		ServerHttpRequest request = exchange.getRequest()
			.mutate()
			.headers((headers) -> headers.set(this.header, requestId))
			.build();
		return chain.filter(exchange.mutate().request(request).build())
			.contextWrite((context) -> context.put(MDC_KEY, requestId));
	}

	private boolean isWellFormed(@Nullable String requestId) {
		return requestId != null && !requestId.isEmpty() && requestId.length() <= this.maxLength
				&& SAFE.matcher(requestId).matches();
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
