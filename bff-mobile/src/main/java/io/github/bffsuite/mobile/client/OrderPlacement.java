package io.github.bffsuite.mobile.client;

import io.github.bffsuite.clients.Order;
import io.github.bffsuite.clients.OrderService;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * {@code POST /orders} of order-service with the app's body as it came. The declared
 * {@link OrderService#place} takes a parsed order; the mobile API instead forwards the
 * bytes so order-service alone validates them and its 400 detail reaches the app
 * unchanged, as the app's order form expects.
 */
@HttpExchange("/orders")
public interface OrderPlacement {

	/**
	 * Place an order for the caller. The key goes downstream too, which makes the call
	 * safe to retry.
	 * @param idempotencyKey the app's idempotency key
	 * @param body the JSON body, as the app sent it
	 * @return the order placed
	 */
	@PostExchange(contentType = MediaType.APPLICATION_JSON_VALUE)
	Mono<Order> place(@RequestHeader(OrderService.IDEMPOTENCY_KEY) String idempotencyKey, @RequestBody byte[] body);

}
