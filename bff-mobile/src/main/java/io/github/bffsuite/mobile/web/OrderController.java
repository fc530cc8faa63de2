package io.github.bffsuite.mobile.web;

import java.net.URI;

import io.github.bffsuite.mobile.screen.orders.OrderDetail;
import io.github.bffsuite.mobile.screen.orders.OrderList;
import io.github.bffsuite.mobile.screen.orders.OrderScreens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The order screens: {@code GET /mobile/v1/orders?cursor=&limit=}, {@code GET
 * /mobile/v1/orders/{id}} and {@code POST /mobile/v1/orders}, which needs an
 * {@code Idempotency-Key}.
 */
@RestController
public class OrderController {

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 50;

	private final OrderScreens orders;

	private final ScreenResponses responses;

	public OrderController(OrderScreens orders, ScreenResponses responses) {
		this.orders = orders;
		this.responses = responses;
	}

	@GetMapping("/mobile/v1/orders")
	public Mono<ResponseEntity<byte[]>> list(ServerWebExchange exchange,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		int size = QueryValues.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
		return this.responses.render(exchange, OrderList.class, (fields) -> this.orders
			.list(QueryValues.text(cursor, "cursor", QueryValues.MAX_CURSOR_LENGTH), size, fields));
	}

	@GetMapping("/mobile/v1/orders/{id}")
	public Mono<ResponseEntity<byte[]>> detail(ServerWebExchange exchange, @PathVariable String id) {
		String orderId = QueryValues.id(id, QueryValues.ORDER_ID, "o-00001");
		return this.responses.render(exchange, OrderDetail.class, (fields) -> this.orders.detail(orderId, fields));
	}

	@PostMapping(path = "/mobile/v1/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
	public Mono<ResponseEntity<byte[]>> create(@RequestBody byte[] body,
			@RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
		return this.orders.create(body, idempotencyKey)
			.map((order) -> ResponseEntity.created(URI.create("/mobile/v1/orders/" + order.id()))
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.responses.bytes(order)));
	}

}
