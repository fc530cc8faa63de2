package io.github.bffsuite.partner.web;

import java.net.URI;
import java.time.Instant;

import io.github.bffsuite.edge.web.DeprecationHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Announces the deprecation of an API version on every response under its path, errors
 * included: {@code Deprecation} in the RFC 9745 form {@code @<epoch seconds>},
 * {@code Sunset} as an RFC 8594 HTTP-date, and {@code Link}s to the deprecation notice
 * and the successor version's documentation, as the starter's {@link DeprecationHeaders}
 * writes them.
 */
public class DeprecationHeadersWebFilter implements WebFilter, Ordered {

	private final String pathPrefix;

	private final @Nullable DeprecationHeaders headers;

	public DeprecationHeadersWebFilter(String pathPrefix, @Nullable Instant deprecatedAt, @Nullable Instant sunsetAt,
			@Nullable URI notice, @Nullable URI successor) {
		if (deprecatedAt != null && sunsetAt != null && sunsetAt.isBefore(deprecatedAt)) {
			throw new IllegalArgumentException("The sunset of " + pathPrefix + " (" + sunsetAt
					+ ") cannot be earlier than its deprecation (" + deprecatedAt + ")");
		}
		this.pathPrefix = pathPrefix;
		this.headers = (deprecatedAt != null) ? DeprecationHeaders.deprecatedAt(deprecatedAt)
			.sunsetAt(sunsetAt)
			.link(notice, "deprecation", "text/html")
			.link(successor, "successor-version", null) : null;
	}

	@Override
	public int getOrder() {
		// before security, so that 401 and 403 answers carry the headers too
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		DeprecationHeaders headers = this.headers;
		if (headers == null || !(path.equals(this.pathPrefix) || path.startsWith(this.pathPrefix + "/"))) {
			return chain.filter(exchange);
		}
		exchange.getResponse().beforeCommit(() -> {
			headers.writeTo(exchange.getResponse().getHeaders());
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
