package io.github.bffsuite.web.client;

import io.github.bffsuite.edge.downstream.DownstreamUri;
import io.github.bffsuite.edge.downstream.EdgeDownstreamClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls order-service, which shows a user only their own orders.
 */
public class OrderClient {

	/** Logical name of the downstream. */
	public static final String SERVICE = "order-service";

	/** Header that makes {@code POST /orders} safe to retry. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final ParameterizedTypeReference<Slice<Order>> SLICE = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<ServerSentEvent<StatusEvent>> EVENT = new ParameterizedTypeReference<>() {
	};

	private final WebClient client;

	public OrderClient(EdgeDownstreamClients clients) {
		this.client = clients.webClient(SERVICE);
	}

	/**
	 * Return a page of the caller's orders, newest first.
	 * @param status the status to keep, or {@code null}
	 * @param cursor the downstream cursor to resume at, or {@code null}
	 * @param limit the page size, 1 to 100
	 * @return the page
	 */
	public Mono<Slice<Order>> list(@Nullable OrderStatus status, @Nullable String cursor, int limit) {
		return RequestMemo.once(SERVICE + " list " + status + "|" + cursor + "|" + limit,
				() -> ServiceErrors
					.checked(this.client.get()
						.uri(DownstreamUri.path("/orders")
							.query("status", status)
							.query("cursor", cursor)
							.query("limit", limit)::build)
						.retrieve(), SERVICE)
					.bodyToMono(SLICE));
	}

	/**
	 * Return one of the caller's orders.
	 * @param id the order id
	 * @return the order
	 */
	public Mono<Order> get(String id) {
		return RequestMemo.once(SERVICE + " get " + id,
				() -> ServiceErrors.checked(this.client.get().uri("/orders/{id}", id).retrieve(), SERVICE)
					.bodyToMono(Order.class));
	}

	/**
	 * Place an order; the same idempotency key always gives the same order.
	 * @param order the lines
	 * @param idempotencyKey the client's key, sent as {@code Idempotency-Key}
	 * @return the order
	 */
	public Mono<Order> place(NewOrder order, String idempotencyKey) {
		return ServiceErrors
			.checked(this.client.post()
				.uri("/orders")
				.header(IDEMPOTENCY_KEY, idempotencyKey)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(order)
				.retrieve(), SERVICE)
			.bodyToMono(Order.class);
	}

	/**
	 * Cancel one of the caller's orders.
	 * @param id the order id
	 * @return the cancelled order
	 */
	public Mono<Order> cancel(String id) {
		return ServiceErrors.checked(this.client.post().uri("/orders/{id}/cancel", id).retrieve(), SERVICE)
			.bodyToMono(Order.class);
	}

	/**
	 * Stream the status of one of the caller's orders: the current one, then each change
	 * until it is final.
	 * @param id the order id
	 * @return the events
	 */
	public Flux<StatusEvent> events(String id) {
		return ServiceErrors
			.checked(this.client.get().uri("/orders/{id}/events", id).accept(MediaType.TEXT_EVENT_STREAM).retrieve(),
					SERVICE)
			.bodyToFlux(EVENT)
			.mapNotNull(ServerSentEvent::data);
	}

}
