package io.github.bffsuite.partner.web;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Announces the deprecation of an API version on every response under its path, errors
 * included: {@code Deprecation} in the RFC 9745 form {@code @<epoch seconds>},
 * {@code Sunset} as an RFC 8594 HTTP-date, and {@code Link}s to the deprecation notice
 * and the successor version's documentation.
 */
public class DeprecationHeadersWebFilter implements WebFilter, Ordered {

	// RFC 9110 IMF-fixdate: two-digit day, always GMT
	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
			Locale.US);

	private final String pathPrefix;

	private final @Nullable String deprecation;

	private final @Nullable String sunset;

	private final List<String> links;

	public DeprecationHeadersWebFilter(String pathPrefix, @Nullable Instant deprecatedAt, @Nullable Instant sunsetAt,
			@Nullable URI notice, @Nullable URI successor) {
		if (deprecatedAt != null && sunsetAt != null && sunsetAt.isBefore(deprecatedAt)) {
			throw new IllegalArgumentException("The sunset of " + pathPrefix + " (" + sunsetAt
					+ ") cannot be earlier than its deprecation (" + deprecatedAt + ")");
		}
		this.pathPrefix = pathPrefix;
		this.deprecation = (deprecatedAt != null) ? "@" + deprecatedAt.getEpochSecond() : null;
		this.sunset = (sunsetAt != null) ? HTTP_DATE.format(sunsetAt.atOffset(ZoneOffset.UTC)) : null;
		List<String> links = new ArrayList<>();
		if (notice != null) {
			links.add("<" + notice + ">; rel=\"deprecation\"; type=\"text/html\"");
		}
		if (successor != null) {
			links.add("<" + successor + ">; rel=\"successor-version\"");
		}
		this.links = List.copyOf(links);
	}

	@Override
	public int getOrder() {
		// before security, so that 401 and 403 answers carry the headers too
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		if (this.deprecation == null || !(path.equals(this.pathPrefix) || path.startsWith(this.pathPrefix + "/"))) {
			return chain.filter(exchange);
		}
		exchange.getResponse().beforeCommit(() -> {
			HttpHeaders headers = exchange.getResponse().getHeaders();
			headers.set("Deprecation", this.deprecation);
			if (this.sunset != null) {
				headers.set("Sunset", this.sunset);
			}
			this.links.forEach((link) -> headers.add(HttpHeaders.LINK, link));
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

}
