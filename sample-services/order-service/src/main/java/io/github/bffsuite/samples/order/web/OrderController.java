package io.github.bffsuite.samples.order.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.bffsuite.samples.order.data.Order;
import io.github.bffsuite.samples.order.data.OrderKey;
import io.github.bffsuite.samples.order.data.OrderStatus;
import io.github.bffsuite.samples.order.fulfilment.StatusChange;
import io.github.bffsuite.samples.order.service.Caller;
import io.github.bffsuite.samples.order.service.NewOrder;
import io.github.bffsuite.samples.order.service.OrderService;
import io.github.bffsuite.samples.support.Identity;
import io.github.bffsuite.samples.support.Problems;

/**
 * The order API. Callers are identified by the gateway's identity headers only.
 */
@RestController
@RequestMapping("/orders")
public class OrderController {

	/** Header that makes {@code POST /orders} safe to retry. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Response header set when a response replays the first one of its key. */
	public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 100;

	private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._:~+=-]{1,128}");

	private final OrderService orders;

	private final IdempotentRequests idempotentRequests;

	public OrderController(OrderService orders, IdempotentRequests idempotentRequests) {
		this.orders = orders;
		this.idempotentRequests = idempotentRequests;
	}

	@GetMapping
	public Mono<OrderPageView> list(ServerHttpRequest request, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable String limit) {
		Caller caller = Caller.of(Identity.from(request));
		OrderStatus wanted = blank(status) ? null : OrderStatus.parse(status)
			.orElseThrow(() -> Problems.badRequest("status must be one of " + List.of(OrderStatus.values())));
		OrderKey after = blank(cursor) ? null : OrderCursor.decode(cursor);
		int size = limit(limit);
		return this.orders.list(caller, wanted, after, size).map((page) -> {
			List<Order> items = page.orders();
			String next = page.more() ? OrderCursor.encode(OrderKey.of(items.get(items.size() - 1))) : null;
			return new OrderPageView(items, next);
		});
	}

	@GetMapping("/counts")
	public Mono<OrderCountsView> counts(ServerHttpRequest request) {
		return Mono.defer(() -> this.orders.counts(Caller.of(Identity.from(request)))).map(OrderCountsView::of);
	}

	@GetMapping("/{id}")
	public Mono<Order> get(ServerHttpRequest request, @PathVariable String id) {
		return Mono.defer(() -> this.orders.get(Caller.of(Identity.from(request)), id));
	}

	@PostMapping
	public Mono<ResponseEntity<Order>> create(ServerHttpRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey,
			@RequestBody Mono<NewOrder> body) {
		Caller caller = Caller.of(Identity.from(request));
		String userId = caller.requireWriter();
		if (idempotencyKey == null || !SAFE_KEY.matcher(idempotencyKey).matches()) {
			throw Problems.badRequest(IDEMPOTENCY_KEY + " header is required: 1 to 128 of A-Z a-z 0-9 . _ : ~ + = -");
		}
		IdempotentRequests.Key key = new IdempotentRequests.Key(caller.tenantId(), userId, idempotencyKey);
		return body.switchIfEmpty(Mono.error(() -> Problems.badRequest("A JSON body is required")))
			.map(this.orders::validate)
			.flatMap((lines) -> this.idempotentRequests.execute(key, lines, () -> this.orders.create(caller, lines)))
			.map((outcome) -> {
				Order order = outcome.value();
				return ResponseEntity.created(URI.create("/orders/" + order.id()))
					.header(IDEMPOTENT_REPLAYED, String.valueOf(outcome.replayed()))
					.body(order);
			});
	}

	@PostMapping("/{id}/cancel")
	public Mono<Order> cancel(ServerHttpRequest request, @PathVariable String id) {
		return Mono.defer(() -> this.orders.cancel(Caller.of(Identity.from(request)), id));
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	public Mono<ResponseEntity<Flux<ServerSentEvent<StatusEventView>>>> events(ServerHttpRequest request,
			@PathVariable String id) {
		return Mono.defer(() -> this.orders.events(Caller.of(Identity.from(request)), id))
			.map((changes) -> ResponseEntity.status(HttpStatus.OK)
				.contentType(MediaType.TEXT_EVENT_STREAM)
				.body(changes.map(OrderController::event)));
	}

	private static ServerSentEvent<StatusEventView> event(StatusChange change) {
		return ServerSentEvent.builder(new StatusEventView(change.orderId(), change.status(), change.at()))
			.id(Long.toString(change.sequence()))
			.event("status")
			.build();
	}

	private static int limit(@Nullable String limit) {
		if (blank(limit)) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit.trim());
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the problem
		}
		throw Problems.badRequest("limit must be an integer from 1 to " + MAX_LIMIT);
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
