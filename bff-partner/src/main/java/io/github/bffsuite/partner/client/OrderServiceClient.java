package io.github.bffsuite.partner.client;

import java.util.List;
import java.util.Map;

import io.github.bffsuite.edge.downstream.DownstreamUri;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls order-service on behalf of the authenticated partner: the starter's downstream
 * client adds the identity headers, so order-service scopes every call to the partner's
 * tenant.
 */
public class OrderServiceClient {

	private static final ParameterizedTypeReference<DownstreamPage<DownstreamOrder>> PAGE = new ParameterizedTypeReference<>() {
	};

	private final WebClient webClient;

	public OrderServiceClient(WebClient webClient) {
		this.webClient = webClient;
	}

	/**
	 * Return a page of the tenant's orders, newest first.
	 * @param status the status to keep, or {@code null}
	 * @param cursor the cursor of the page, or {@code null} for the first
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<DownstreamPage<DownstreamOrder>> list(@Nullable String status, @Nullable String cursor, int limit) {
		return this.webClient.get()
			.uri(DownstreamUri.path("/orders")
				.query("status", status)
				.query("cursor", cursor)
				.query("limit", limit)::build)
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "order-service", PAGE));
	}

	/**
	 * Return one order of the tenant.
	 * @param id the order id
	 * @return the order, or a 404 problem
	 */
	public Mono<DownstreamOrder> get(String id) {
		return this.webClient.get()
			.uri("/orders/{id}", id)
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "order-service", DownstreamOrder.class));
	}

	/**
	 * Place an order for the tenant.
	 * @param lines the lines
	 * @param idempotencyKey the key that makes the call safe to retry
	 * @return the order
	 */
	public Mono<DownstreamOrder> create(List<NewOrderLine> lines, String idempotencyKey) {
		return this.webClient.post()
			.uri("/orders")
			.header("Idempotency-Key", idempotencyKey)
			.bodyValue(Map.of("items", lines))
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "order-service", DownstreamOrder.class));
	}

	/**
	 * Cancel an order of the tenant.
	 * @param id the order id
	 * @return the cancelled order
	 */
	public Mono<DownstreamOrder> cancel(String id) {
		return this.webClient.post()
			.uri("/orders/{id}/cancel", id)
			.exchangeToMono((response) -> DownstreamAnswers.body(response, "order-service", DownstreamOrder.class));
	}

}
