package io.github.bffsuite.edge.downstream;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Runs every exchange of a downstream's {@code WebClient} under the downstream's
 * policies, sending each attempt to the instance load balancing chose.
 */
class DownstreamExchangeFilterFunction implements ExchangeFilterFunction {

	private final Downstream downstream;

	DownstreamExchangeFilterFunction(Downstream downstream) {
		this.downstream = downstream;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return this.downstream.execute(new DownstreamCall<ClientResponse>() {

			@Override
			public String method() {
				return request.method().name();
			}

			@Override
			public boolean idempotent() {
				return Downstream.isIdempotent(request.method(), request.headers());
			}

			@Override
			public Mono<ClientResponse> attempt(@Nullable ServiceInstance instance, int attempt) {
				if (instance == null) {
					return next.exchange(request);
				}
				return next
					.exchange(ClientRequest.from(request).url(Downstream.reconstruct(instance, request.url())).build());
			}

			@Override
			public int status(ClientResponse response) {
				return response.statusCode().value();
			}

			@Override
			public Mono<Void> discard(ClientResponse response) {
				return response.releaseBody();
			}

		})
			// a response dropped after the caller cancelled was never read: release its
			// connection
			.doOnDiscard(ClientResponse.class, (dropped) -> dropped.releaseBody().onErrorComplete().subscribe());
	}

}
