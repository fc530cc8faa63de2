package io.github.bffsuite.clients;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * order-service, downstream {@value #NAME}: the caller's orders, scoped by the identity
 * headers the edge sends (a user sees their own, a partner its tenant's).
 */
@HttpExchange("/orders")
public interface OrderService {

	/** Name of the downstream. */
	String NAME = "order-service";

	/** Header that makes {@code POST /orders} safe to retry. */
	String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Return a page of the caller's orders, newest first.
	 * @param status the status to keep, such as {@code SHIPPED}, or {@code null}
	 * @param cursor the cursor of the previous page, or {@code null} for the first
	 * @param limit the page size, 1 to 100
	 * @return the page
	 */
	@GetExchange
	Mono<CursorPage<Order>> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam int limit);

	/**
	 * Count the caller's orders by status.
	 * @return the counts
	 */
	@GetExchange("/counts")
	Mono<OrderCounts> counts();

	/**
	 * Return one of the caller's orders; another's is a 404.
	 * @param id the order id
	 * @return the order
	 */
	@GetExchange("/{id}")
	Mono<Order> get(@PathVariable String id);

	/**
	 * Place an order; the same idempotency key always gives the same order, which makes
	 * the call safe to retry.
	 * @param idempotencyKey the client's key
	 * @param order the lines
	 * @return the order
	 */
	@PostExchange(contentType = MediaType.APPLICATION_JSON_VALUE)
	Mono<Order> place(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody NewOrder order);

	/**
	 * Cancel one of the caller's orders.
	 * @param id the order id
	 * @return the cancelled order
	 */
	@PostExchange("/{id}/cancel")
	Mono<Order> cancel(@PathVariable String id);

	/**
	 * Stream the status of one of the caller's orders: the current one, then each change
	 * until it is final.
	 * @param id the order id
	 * @return the events
	 */
	@GetExchange(url = "/{id}/events", accept = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<StatusEvent>> events(@PathVariable String id);

	/**
	 * Stream the statuses an order reaches, without the event envelope.
	 * @param id the order id
	 * @return the statuses
	 */
	default Flux<StatusEvent> statuses(String id) {
		return events(id).mapNotNull(ServerSentEvent::data);
	}

}
