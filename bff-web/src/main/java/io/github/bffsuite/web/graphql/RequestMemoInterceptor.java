package io.github.bffsuite.web.graphql;

import io.github.bffsuite.web.client.RequestMemo;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;

/**
 * Gives each GraphQL request its own {@link RequestMemo}, so identical service reads
 * inside one request are sent once.
 */
class RequestMemoInterceptor implements WebGraphQlInterceptor {

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).contextWrite(RequestMemo.newContext());
	}

}
