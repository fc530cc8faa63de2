package io.github.bffsuite.web.graphql;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Makes {@code application/graphql-response+json} the default answer of the GraphQL
 * endpoint, as GraphQL over HTTP recommends: Spring for GraphQL picks it only when a
 * client names it, and answers {@code application/json} to {@code Accept: *}{@code /*} or
 * no {@code Accept} at all (curl, most HTTP libraries). Clients that name
 * {@code application/json} (legacy) or {@code text/event-stream} (subscriptions) keep
 * what they asked for.
 */
class GraphQlResponseMediaTypeWebFilter implements WebFilter {

	private final String path;

	GraphQlResponseMediaTypeWebFilter(String path) {
		this.path = path;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		if (!request.getPath().pathWithinApplication().value().equals(this.path)
				|| !request.getHeaders().getAccept().stream().allMatch(MediaType::isWildcardType)) {
			return chain.filter(exchange);
		}
		ServerHttpRequest defaulted = request.mutate()
			.headers((headers) -> headers.put(HttpHeaders.ACCEPT,
					List.of(MediaType.APPLICATION_GRAPHQL_RESPONSE_VALUE, MediaType.APPLICATION_JSON_VALUE)))
			.build();
		return chain.filter(exchange.mutate().request(defaulted).build());
	}

}
