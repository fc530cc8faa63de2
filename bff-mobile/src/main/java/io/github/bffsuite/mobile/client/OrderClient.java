package io.github.bffsuite.mobile.client;

import java.util.HashMap;
import java.util.Map;

import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls to order-service, for the caller named by the identity headers the edge sends.
 */
@Component
public class OrderClient {

	/** Header that makes placing an order safe to retry. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final WebClient orders;

	public OrderClient(EdgeDownstreamClients clients) {
		this.orders = clients.webClient("order-service");
	}

	/**
	 * Return a page of the caller's orders, newest first.
	 * @param cursor the cursor of the previous page, or {@code null}
	 * @param limit the page size
	 * @return the page
	 */
	public Mono<OrderPage> list(@Nullable String cursor, int limit) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("limit", limit);
		return this.orders.get().uri((uri) -> {
			uri.path("/orders").queryParam("limit", "{limit}");
			if (cursor != null) {
				uri.queryParam("cursor", "{cursor}");
				variables.put("cursor", cursor);
			}
			return uri.build(variables);
		}).retrieve().bodyToMono(OrderPage.class);
	}

	/**
	 * Return one of the caller's orders; another tenant's is a 404.
	 * @param id the order id
	 * @return the order
	 */
	public Mono<Order> get(String id) {
		return this.orders.get().uri("/orders/{id}", id).retrieve().bodyToMono(Order.class);
	}

	/**
	 * Count the caller's orders by status.
	 * @return the counts
	 */
	public Mono<OrderCounts> counts() {
		return this.orders.get().uri("/orders/counts").retrieve().bodyToMono(OrderCounts.class);
	}

	/**
	 * Place an order. The key goes downstream too, which makes the call safe to retry.
	 * @param body the JSON body, as the app sent it
	 * @param idempotencyKey the app's idempotency key
	 * @return the order placed
	 */
	public Mono<Order> create(byte[] body, String idempotencyKey) {
		return this.orders.post()
			.uri("/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.bodyValue(body)
			.retrieve()
			.bodyToMono(Order.class);
	}

}
